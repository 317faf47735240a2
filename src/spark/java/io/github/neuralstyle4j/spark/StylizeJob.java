package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.files.OutputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spark stylize} on the driver: lists the inputs, refuses colliding outputs before any work, skips inputs whose
 * output exists (outputs only ever appear complete), runs the rest as {@link StylizeTask}s and writes the results
 * table ({@code OUTPUT/_results/parquet} and {@code OUTPUT/_results/json}).
 */
public final class StylizeJob {

    /** The results table's folder inside the output folder (hidden from Hadoop listings by its underscore). */
    public static final String RESULTS = "_results";

    /**
     * What to run.
     *
     * @param inputs       folders, globs or files (any Hadoop path)
     * @param inputLists   files listing more of them, one a line
     * @param config       the config file, or null for the built-in default
     * @param styles       style images replacing the config's (empty: the config's)
     * @param outputDir    where outputs and the results table go
     * @param size         the working size, or null for the config's
     * @param steps        the steps, or null for the config's
     * @param backbone     the backbone folder, or null for the config's
     * @param shipBackbone ship a local backbone folder with the job instead of reading it in place
     * @param threads      ONNX Runtime threads per executor; 0 for the executor's cores
     * @param partitions   tasks; 0 for Spark's default parallelism
     * @param maxPixels    inputs declaring more pixels are refused (their row fails)
     */
    public record Options(List<String> inputs, List<String> inputLists, String config, List<String> styles,
                          String outputDir, Integer size, Integer steps, String backbone, boolean shipBackbone,
                          int threads, int partitions, long maxPixels) {
    }

    /**
     * What a run did.
     *
     * @param stylized    outputs written by this run
     * @param skipped     inputs whose output existed
     * @param failed      inputs that failed
     * @param evaluations loss evaluations this run made
     * @param results     the results table's folder
     */
    public record Summary(long stylized, long skipped, long failed, long evaluations, String results) {
    }

    private StylizeJob() {
    }

    /** Runs the job; failures of single images are rows of the table, not exceptions. */
    public static Summary run(SparkSession spark, Options o, PrintWriter log) throws IOException {
        long start = System.nanoTime();
        SparkContext sc = spark.sparkContext();
        Configuration conf = sc.hadoopConfiguration();
        StyleTransferConfig config = configure(JobConfig.load(o.config(), conf), o);
        String source = o.config() != null ? o.config() : "the built-in default";
        List<ShippedImage> styles = config.style().images().stream()
                .map(s -> ShippedImage.read(s.image(), conf)).toList();
        List<String> inputs = InputImages.list(o.inputs(), o.inputLists(), conf);
        Path outDir = qualified(o.outputDir(), conf);
        Map<String, String> outputs = plan(inputs, outDir);
        BackboneSource backbone = JobConfig.backbone(config.backbone(), o.shipBackbone(), sc,
                bb -> ConfigLoader.checkLayers(config, bb.layerNames(), source), log::println);

        FileSystem fs = outDir.getFileSystem(conf);
        fs.mkdirs(outDir);
        int stale = HadoopFiles.removeStaleTemporaries(outDir.toString(), conf);
        if (stale > 0) {
            log.println("removed " + stale + " unfinished output(s) of an earlier run");
        }
        Set<String> existing = new HashSet<>();
        for (FileStatus s : fs.listStatus(outDir)) {
            if (s.isFile()) {
                existing.add(s.getPath().toString());
            }
        }
        List<StylizeTask.Item> todo = new ArrayList<>();
        List<Row> skipped = new ArrayList<>();
        outputs.forEach((input, output) -> {
            if (existing.contains(output)) {
                skipped.add(StylizeRow.skipped(input, output).toRow());
            } else {
                todo.add(new StylizeTask.Item(input, output));
            }
        });
        int threads = JobConfig.threads(o.threads(), sc);
        int partitions = Math.max(1, Math.min(todo.size(), o.partitions() > 0 ? o.partitions()
                : sc.defaultParallelism()));
        log.printf("%d input(s): %d to stylize in %d task(s) (%d ONNX Runtime thread(s) per executor), %d done"
                + " before%n", inputs.size(), todo.size(), partitions, threads, skipped.size());
        log.flush();

        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(sc).parallelize(todo, partitions)
                .mapPartitions(new StylizeTask(config, styles, backbone, threads, o.maxPixels(),
                        JobConfig.hadoopSettings(conf)));
        Dataset<Row> table = spark.createDataFrame(rows, StylizeRow.SCHEMA)
                .union(spark.createDataFrame(skipped, StylizeRow.SCHEMA));
        String results = new Path(outDir, RESULTS).toString();
        // the Parquet write runs the job; the JSON copy and the summary read the Parquet back (no second run)
        table.write().mode(SaveMode.Overwrite).parquet(results + "/parquet");
        Dataset<Row> written = spark.read().parquet(results + "/parquet");
        written.write().mode(SaveMode.Overwrite).json(results + "/json");
        return summarise(written, results, (System.nanoTime() - start) / 1e9, log);
    }

    /** The config with the command line's overrides. */
    static StyleTransferConfig configure(StyleTransferConfig c, Options o) {
        if (o.size() != null) {
            c = c.withSize(o.size());
        }
        if (o.steps() != null) {
            c = c.withSteps(o.steps());
        }
        if (o.backbone() != null) {
            c = c.withBackbone(o.backbone());
        }
        if (!o.styles().isEmpty()) {
            c = c.withStyleImages(o.styles());
        }
        // the content image and output are per input; the weights of the config's styles are kept as they are
        return c.withStyleWeights(c.style().images().stream().map(StyleImage::weight).toList());
    }

    /**
     * Each input's output ({@code OUTPUT/<stem>.png}), in input order.
     *
     * @throws OutputException when two inputs would share an output, or the output folder holds an input
     */
    static Map<String, String> plan(List<String> inputs, Path outDir) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Map<String, String> byOutput = new LinkedHashMap<>();
        List<String> collisions = new ArrayList<>();
        for (String input : inputs) {
            String output = new Path(outDir, InputImages.stem(new Path(input).getName()) + ".png").toString();
            String earlier = byOutput.putIfAbsent(output, input);
            if (earlier != null) {
                collisions.add(earlier + " and " + input + " -> " + output);
            }
            if (outDir.equals(new Path(input).getParent())) {
                // a re-run would also take the outputs for inputs
                throw new OutputException("--output-dir " + outDir + " is the folder of the input " + input
                        + "; outputs would replace or mix with the inputs: choose another folder");
            }
            outputs.put(input, output);
        }
        if (!collisions.isEmpty()) {
            throw new OutputException(collisions.size() + " output name(s) shared by two inputs (outputs are"
                    + " <stem>.png): " + String.join("; ", collisions.subList(0, Math.min(3, collisions.size())))
                    + (collisions.size() > 3 ? "; ..." : "") + "; rename the inputs or run them separately");
        }
        return outputs;
    }

    private static Path qualified(String dir, Configuration conf) throws IOException {
        Path p = new Path(dir);
        return p.getFileSystem(conf).makeQualified(p);
    }

    private static Summary summarise(Dataset<Row> table, String results, double seconds, PrintWriter log) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row r : table.groupBy("status").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        Row sums = table.agg(functions.coalesce(functions.sum("evaluations"), functions.lit(0L))).first();
        Summary s = new Summary(counts.getOrDefault(StylizeRow.OK, 0L), counts.getOrDefault(StylizeRow.SKIPPED, 0L),
                counts.getOrDefault(StylizeRow.FAILED, 0L), sums.getLong(0), results);
        List<Row> failures = table.filter(functions.col("status").equalTo(StylizeRow.FAILED))
                .select("input", "error").limit(10).collectAsList();
        for (Row f : failures) {
            log.println("failed: " + f.getString(0) + ": " + f.getString(1));
        }
        log.printf(java.util.Locale.ROOT, "stylized %d, skipped %d (output existed), failed %d; %d evaluations in %.1f s"
                + " (load average %s); results in %s/{parquet,json}%n", s.stylized(), s.skipped(), s.failed(),
                s.evaluations(), seconds, LoadAverage.now(), results);
        log.flush();
        return s;
    }
}
