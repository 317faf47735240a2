package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.RequestMapper;
import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor's side of {@code spark stylize}: each image of a partition through the executor's one
 * {@link io.github.neuralstyle4j.api.StyleTransfer}, its output published atomically, one row each. An image that
 * fails (unreadable, too large, a run error) fails its row; the task goes on.
 */
final class StylizeTask implements FlatMapFunction<Iterator<StylizeTask.Item>, Row> {

    private static final long serialVersionUID = 1L;

    /** Style transfers this JVM has run for stylize tasks (the tests count the work a re-run does). */
    private static final AtomicInteger RUNS = new AtomicInteger();

    /**
     * One input and its output.
     *
     * @param input  the content image (a Hadoop path)
     * @param output where its result goes
     */
    record Item(String input, String output) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final String configJson;
    private final List<ShippedImage> styles;
    private final BackboneSource backbone;
    private final int threads;
    private final long maxPixels;
    private final Map<String, String> hadoopConf;

    StylizeTask(StyleTransferConfig config, List<ShippedImage> styles, BackboneSource backbone, int threads,
                long maxPixels, Map<String, String> hadoopConf) {
        this.configJson = ConfigLoader.toJson(config);
        this.styles = List.copyOf(styles);
        this.backbone = backbone;
        this.threads = threads;
        this.maxPixels = maxPixels;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<Item> items) {
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        StyleTransferConfig base = ConfigLoader.parse(configJson, "the job's config");
        List<String> localStyles = styles.stream().map(ShippedImage::loadable).toList();
        List<Double> weights = base.style().images().stream().map(StyleImage::weight).toList();
        StyleTransferConfig config = base.withStyleImages(localStyles).withStyleWeights(weights);
        String executor = executorName();
        List<Row> rows = new ArrayList<>();
        // one row at a time; the outputs are written as they finish, so a killed task keeps what it had done
        while (items.hasNext()) {
            rows.add(stylize(items.next(), config, conf, executor).toRow());
        }
        return rows.iterator();
    }

    private StylizeRow stylize(Item item, StyleTransferConfig config, Configuration conf, String executor) {
        long start = System.nanoTime();
        try {
            if (HadoopFiles.exists(item.output(), conf)) {
                // another attempt of this task finished it (a retry, a speculative copy)
                return StylizeRow.skipped(item.input(), item.output());
            }
            ExecutorTransfers.Opened opened = ExecutorTransfers.get(backbone.localFolder(conf), threads);
            Result result;
            try (HadoopFiles.Local content = HadoopFiles.localCopy(item.input(), conf)) {
                Request request = RequestMapper.toRequest(config.withContentImage(content.loadable()), maxPixels);
                RUNS.incrementAndGet();
                result = opened.transfer().run(request);
            }
            if (!result.completed()) {
                return StylizeRow.failed(item.input(), item.output(), "stopped: " + result.stopMessage(),
                        seconds(start), executor);
            }
            java.nio.file.Path tmp = HadoopFiles.temporaryFor(item.output());
            ImageWriter.write(result.image(), tmp);
            HadoopFiles.publish(tmp, item.output(), conf);
            return new StylizeRow(item.input(), item.output(), StylizeRow.OK, null, result.evaluations(),
                    result.totalSeconds(), seconds(start), opened.openSecondsOnce(), result.evaluation().style(),
                    result.evaluation().content(), result.evaluation().total(), executor);
        } catch (IOException | RuntimeException e) {
            return StylizeRow.failed(item.input(), item.output(), oneLine(e), seconds(start), executor);
        }
    }

    /** Style transfers run in this JVM so far. */
    static int runs() {
        return RUNS.get();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static String executorName() {
        String id = SparkEnv.get() != null ? SparkEnv.get().executorId() : "?";
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return id + "@" + host;
    }
}
