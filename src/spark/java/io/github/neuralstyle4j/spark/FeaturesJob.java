package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.search.Descriptor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code spark features}: the search descriptor of every input image, as {@code search index} computes it (the
 * {@code search} package's {@link io.github.neuralstyle4j.search.ImageDescriber}, one per executor), into Parquet
 * ({@link FeatureRow#SCHEMA}). An unreadable image gets a row with its error and no vector.
 */
public final class FeaturesJob {

    /** {@code search}'s default size: images are resized to 224×224 before the forward pass. */
    public static final int DEFAULT_SIZE = 224;

    /**
     * What to describe.
     *
     * @param inputs       folders, globs or files
     * @param inputLists   files listing more of them
     * @param output       the Parquet folder
     * @param overwrite    replace an existing output
     * @param backbone     the backbone folder (null: the default)
     * @param layer        the layer (null: the backbone's last)
     * @param descriptor   content or style
     * @param size         images are resized to size×size
     * @param shipBackbone send a local backbone with the job
     * @param threads      ONNX Runtime threads per executor (0: the executor's cores)
     * @param partitions   tasks (0: Spark's default parallelism)
     * @param maxPixels    images declaring more pixels fail their row
     */
    public record Options(List<String> inputs, List<String> inputLists, String output, boolean overwrite,
                          String backbone, String layer, Descriptor descriptor, int size, boolean shipBackbone,
                          int threads, int partitions, long maxPixels) {
    }

    private FeaturesJob() {
    }

    /** Runs the job and returns the number of rows without a vector. */
    public static long run(SparkSession spark, Options o, PrintWriter log) throws IOException {
        SparkContext sc = spark.sparkContext();
        Configuration conf = sc.hadoopConfiguration();
        Path out = new Path(o.output());
        if (!o.overwrite() && out.getFileSystem(conf).exists(out)) {
            throw new OutputException(o.output() + " exists; give another output or --overwrite to replace it");
        }
        List<String> inputs = InputImages.list(o.inputs(), o.inputLists(), conf);
        String spec = o.backbone() != null ? o.backbone() : StyleTransferConfig.DEFAULT_BACKBONE;
        BackboneSource backbone = JobConfig.backbone(spec, o.shipBackbone(), sc, bb -> {
            if (o.layer() != null && !bb.hasLayer(o.layer())) {
                throw new io.github.neuralstyle4j.search.SearchException("unknown layer '" + o.layer() + "'; backbone "
                        + bb.manifest().name() + " has: " + String.join(", ", bb.layerNames()));
            }
        }, log::println);
        int threads = JobConfig.threads(o.threads(), sc);
        int partitions = Math.max(1, Math.min(inputs.size(), o.partitions() > 0 ? o.partitions()
                : sc.defaultParallelism()));
        log.printf("%d image(s) in %d task(s)%n", inputs.size(), partitions);
        log.flush();
        long start = System.nanoTime();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(sc).parallelize(inputs, partitions)
                .mapPartitions(new FeaturesTask(backbone, o.layer(), o.descriptor(), o.size(), threads,
                        o.maxPixels(), JobConfig.hadoopSettings(conf)));
        spark.createDataFrame(rows, FeatureRow.SCHEMA).write().mode(SaveMode.Overwrite).parquet(o.output());
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> written = spark.read().parquet(o.output());
        long failed = written.filter(functions.col("error").isNotNull()).count();
        for (Row r : written.filter(functions.col("error").isNotNull()).select("path", "error").limit(10)
                .collectAsList()) {
            log.println("failed: " + r.getString(0) + ": " + r.getString(1));
        }
        log.printf(java.util.Locale.ROOT, "described %d image(s), %d failed, in %.1f s; %s%n", inputs.size() - failed,
                failed, seconds, o.output());
        log.flush();
        return failed;
    }
}
