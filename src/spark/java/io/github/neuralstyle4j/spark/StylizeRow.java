package io.github.neuralstyle4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;

/**
 * One line of the results table of {@code spark stylize}: what became of one input.
 *
 * @param input           the content image
 * @param output          its stylized image
 * @param status          {@code ok}, {@code skipped} (a complete output existed), or {@code failed}
 * @param error           why it failed (one line), else null
 * @param evaluations     loss evaluations this run made for it (0 when skipped or failed before the run)
 * @param seconds         the optimisation's time (the façade's {@code Result.totalSeconds()})
 * @param wallSeconds     the whole row on the executor: reading, waiting for the executor's transfer, writing
 * @param backboneSeconds opening the backbone, on the row that opened its executor's transfer; else 0
 * @param styleLoss       the final style loss, or null
 * @param contentLoss     the final content loss, or null
 * @param totalLoss       the final total loss, or null
 * @param executor        the executor id and host that made it (null when skipped on the driver)
 */
public record StylizeRow(String input, String output, String status, String error, int evaluations, double seconds,
                         double wallSeconds, double backboneSeconds, Double styleLoss, Double contentLoss,
                         Double totalLoss, String executor) implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String OK = "ok";
    static final String SKIPPED = "skipped";
    static final String FAILED = "failed";

    /** The table's columns, in Parquet and JSON. */
    public static final StructType SCHEMA = new StructType()
            .add("input", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true)
            .add("evaluations", DataTypes.IntegerType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("wall_seconds", DataTypes.DoubleType, false)
            .add("backbone_seconds", DataTypes.DoubleType, false)
            .add("style_loss", DataTypes.DoubleType, true)
            .add("content_loss", DataTypes.DoubleType, true)
            .add("total_loss", DataTypes.DoubleType, true)
            .add("executor", DataTypes.StringType, true);

    static StylizeRow skipped(String input, String output) {
        return new StylizeRow(input, output, SKIPPED, null, 0, 0, 0, 0, null, null, null, null);
    }

    static StylizeRow failed(String input, String output, String error, double wallSeconds, String executor) {
        return new StylizeRow(input, output, FAILED, error, 0, 0, wallSeconds, 0, null, null, null, executor);
    }

    /** This row as a Spark row of {@link #SCHEMA}. */
    public Row toRow() {
        return RowFactory.create(input, output, status, error, evaluations, seconds, wallSeconds, backboneSeconds,
                styleLoss, contentLoss, totalLoss, executor);
    }
}
