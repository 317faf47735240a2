package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.api.StyleTransfer;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link StyleTransfer} per executor JVM and backbone: opened lazily by the first task that needs it, reused by
 * every later image of every task on that executor (its ONNX Runtime sessions stay warm), and closed when the JVM
 * exits. This holder owns the transfers. Runs on one transfer are serialised by the façade, so an executor should
 * run one task at a time with all its cores as ONNX Runtime threads (docs/spark.md).
 */
final class ExecutorTransfers {

    /**
     * An open transfer and how long opening it took.
     *
     * @param transfer    the façade
     * @param openSeconds the backbone's opening time
     * @param reported    set once a row has reported {@code openSeconds}
     */
    record Opened(StyleTransfer transfer, double openSeconds, AtomicBoolean reported) {
        /** The opening time for the first row that asks, 0 for every later one. */
        double openSecondsOnce() {
            return reported.compareAndSet(false, true) ? openSeconds : 0;
        }
    }

    private static final Map<String, Opened> OPEN = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorTransfers::closeAll, "neuralstyle-transfers-close"));
    }

    private ExecutorTransfers() {
    }

    /** The JVM's transfer for a backbone folder and thread count, opened on first use. */
    static Opened get(String backboneFolder, int threads) {
        return OPEN.computeIfAbsent(backboneFolder + "#" + threads, key -> {
            long start = System.nanoTime();
            StyleTransfer transfer = StyleTransfer.builder().backbone(Path.of(backboneFolder)).threads(threads)
                    .build();
            OPENED.incrementAndGet();
            return new Opened(transfer, (System.nanoTime() - start) / 1e9, new AtomicBoolean());
        });
    }

    /** How many transfers this JVM has opened (a test checks that tasks reuse them). */
    static int openedCount() {
        return OPENED.get();
    }

    private static void closeAll() {
        OPEN.values().forEach(o -> o.transfer().close());
        OPEN.clear();
    }
}
