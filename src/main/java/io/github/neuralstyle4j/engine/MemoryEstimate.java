package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The peak memory of a run, estimated before anything is allocated, from the graph's static shapes: a size that
 * cannot fit should be refused in a second, not after the machine has swapped for ten minutes.
 *
 * <p>Each session holds its own copy of the weights; the forward pass is bounded by the sum of its tensors (ORT
 * reuses buffers, so the real figure is lower), and the gradient pass has one gradient per forward tensor. L-BFGS
 * keeps {@code 2·history} correction vectors plus about ten working vectors of the image's size. {@link #RUNTIME}
 * is what the JVM, ONNX Runtime and ND4J/OpenBLAS take before any of it (measured; see the README).
 *
 * @param weights     bytes of the initializers the pruned graph uses
 * @param activations bytes of every tensor the pruned forward graph computes
 * @param optimizer   bytes of the optimiser's state
 * @param images      bytes of the image copies (content, styles, the point, its gradient)
 */
public record MemoryEstimate(long weights, long activations, long optimizer, long images) {

    /** JVM, native libraries and their pools, measured at the smallest sizes (about 0.45 GB RSS). */
    public static final long RUNTIME = 450L << 20;

    /** Everything: two sessions' weights and activations, the optimiser, the images and the runtime. */
    public long total() {
        return RUNTIME + 2 * weights + 2 * activations + optimizer + images;
    }

    /** The estimate with L-BFGS keeping {@code historySize} correction pairs. */
    public static MemoryEstimate of(FeatureGraph graph, Collection<String> taps, long height, long width,
                                    int historySize, int styleImages) {
        return of(graph, taps, height, width, (2L * historySize + 10) * 3 * height * width * Float.BYTES,
                styleImages);
    }

    /** The estimate with an optimiser whose state takes {@code optimizerBytes}. */
    public static MemoryEstimate of(FeatureGraph graph, Collection<String> taps, long height, long width,
                                    long optimizerBytes, int styleImages) {
        List<NodeProto> nodes = graph.nodesFor(taps);
        Map<String, long[]> shapes = graph.inferShapes(nodes, height, width);
        long activations = 0;
        long weights = 0;
        Set<String> counted = new HashSet<>();
        for (NodeProto n : nodes) {
            for (String out : n.getOutputList()) {
                long[] shape = shapes.get(out);
                if (shape != null) {
                    // MaxPool's second output holds int64 indices
                    activations += FeatureGraph.elements(shape) * (out.equals(n.getOutput(0)) ? Float.BYTES : Long.BYTES);
                }
            }
            for (String in : n.getInputList()) {
                if (graph.isConstant(in) && counted.add(in)) {
                    weights += FeatureGraph.elements(OnnxProtos.dims(graph.constant(in))) * Float.BYTES;
                }
            }
        }
        long n = 3 * height * width;
        long optimizer = optimizerBytes;
        long images = (4L + styleImages) * n * Float.BYTES * 2; // each once on the heap and once natively
        return new MemoryEstimate(weights, activations, optimizer, images);
    }

    /** Memory the system can give a new process now: MemAvailable on Linux, else free physical memory. */
    public static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through to the JVM's view
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getFreeMemorySize() : Long.MAX_VALUE;
    }

    /** e.g. {@code 1.9 GB (weights 2×80 MB, activations 2×600 MB, optimiser 260 MB, images 10 MB, runtime 450 MB)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (weights 2×%s, activations 2×%s, optimiser %s, images %s, runtime %s)",
                human(total()), human(weights), human(activations), human(optimizer), human(images), human(RUNTIME));
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (double) (1L << 20)));
    }
}
