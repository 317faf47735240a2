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
 * <p>The parts known exactly are counted exactly: the ND4J buffers of every tap's features and gradient, the
 * content losses' target and scratch copies, the optimiser's state (for L-BFGS, the pairs the run can keep: see
 * {@code OptimizerSpec.stateBytes(long, int)}) and the image copies. Two parts are measured, not derived: the two ONNX
 * Runtime sessions' arenas, {@link #ARENA_FACTOR} times the bytes of every tensor the pruned forward graph computes
 * (the forward session holds the tensors the gradient pass needs, the gradient session a gradient per tensor and its
 * convolutions' buffers; the arenas grow in chunks and keep them), and {@link #RUNTIME}, the JVM with ORT, ND4J and
 * OpenBLAS loaded. The runtime was fitted to peak RSS measured at 170×128, 341×256 and 682×512 (VGG19, the default
 * config's taps, 4 evaluations, 2 threads). The arena factor was 1.6 in that fit, which left the estimate 6–12 % under
 * the peak from 1365×1024 up (ORT's CPU arena grows in regions that double, so its slack grows with the image, and
 * the Java API cannot set {@code arena_extend_strategy}); it is now the largest factor the runs from 1365×1024 to
 * 1920×1440 needed, rounded up, so the estimate is 2–20 % above the measured peak at every size measured, from
 * 170×128 to 1920×1440 (docs/reliability.md has the table).
 *
 * @param weights        bytes of the initializers the pruned graph uses (each session holds a copy)
 * @param activations    bytes of every tensor the pruned forward graph computes
 * @param taps           bytes of the tap buffers: features and gradients
 * @param contentTargets bytes of the content losses' target and scratch copies
 * @param optimizer      bytes of the optimiser's state
 * @param images         bytes of the image copies (content, styles, the point, its gradient)
 */
public record MemoryEstimate(long weights, long activations, long taps, long contentTargets, long optimizer,
                             long images) {

    /** JVM, ONNX Runtime, ND4J and OpenBLAS loaded, before any tensor: fitted, see the class comment. */
    public static final long RUNTIME = 352L << 20;

    /** The two sessions' arenas per byte of forward activations: measured, see the class comment. */
    public static final double ARENA_FACTOR = 2.1;

    /** Everything: both sessions' weights and arenas, the tap buffers, the losses, the optimiser, images, runtime. */
    public long total() {
        return RUNTIME + 2 * weights + arenas() + taps + contentTargets + optimizer + images;
    }

    /** The two sessions' arenas, {@link #ARENA_FACTOR} × the activations. */
    public long arenas() {
        return Math.round(ARENA_FACTOR * activations);
    }

    /**
     * @param taps           every tapped tensor (content and style)
     * @param contentTaps    the tapped tensors with a content loss
     * @param optimizerBytes the optimiser's state for this run ({@code OptimizerSpec.stateBytes(values, evaluations)})
     */
    public static MemoryEstimate of(FeatureGraph graph, Collection<String> taps, Collection<String> contentTaps,
                                    long height, long width, long optimizerBytes, int styleImages) {
        return of(graph, taps, contentTaps, height, width, optimizerBytes, styleImages, List.of(), 0);
    }

    /**
     * As above, with {@code maskedStyles} style images that have a mask: each of their losses keeps a weighted copy
     * of its tap's features (F·diag(m), {@code losses.MaskedStyleLoss}), counted with the tap buffers.
     *
     * @param styleTaps the tapped tensors with a style loss
     */
    public static MemoryEstimate of(FeatureGraph graph, Collection<String> taps, Collection<String> contentTaps,
                                    long height, long width, long optimizerBytes, int styleImages,
                                    Collection<String> styleTaps, int maskedStyles) {
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
        long tapBytes = 0;
        for (String tap : new HashSet<>(taps)) {
            tapBytes += 2 * bytes(shapes, tap);
        }
        for (String tap : new HashSet<>(styleTaps)) {
            tapBytes += maskedStyles * bytes(shapes, tap);
        }
        long contentBytes = 0;
        for (String tap : new HashSet<>(contentTaps)) {
            contentBytes += 2 * bytes(shapes, tap);
        }
        long n = 3 * height * width;
        long images = (4L + styleImages) * n * Float.BYTES * 2; // each once on the heap and once natively
        return new MemoryEstimate(weights, activations, tapBytes, contentBytes, optimizerBytes, images);
    }

    /**
     * The estimate of one {@code width}×{@code height} run of {@code request}'s loss terms making {@code evaluations}
     * evaluations (an exact budget of the request's stop rule replaces it).
     */
    public static MemoryEstimate forRequest(io.github.neuralstyle4j.backbone.Backbone backbone,
                                            io.github.neuralstyle4j.api.Request request, int width, int height,
                                            int evaluations) {
        Set<String> contentTaps = new java.util.LinkedHashSet<>();
        request.contentLayers().keySet().forEach(l -> contentTaps.add(backbone.tensorFor(l)));
        Set<String> styleTaps = new java.util.LinkedHashSet<>();
        request.styleLayers().keySet().forEach(l -> styleTaps.add(backbone.tensorFor(l)));
        Set<String> taps = new java.util.LinkedHashSet<>(contentTaps);
        taps.addAll(styleTaps);
        int masked = (int) request.spatial().styleMasks().stream().filter(java.util.Objects::nonNull).count();
        long values = 3L * width * height;
        int budget = request.convergence().stopRule().hasBudget() ? request.convergence().stopRule().maxEvaluations()
                : request.optimizer().evaluationsFor(evaluations);
        return of(backbone.graph(), taps, contentTaps, height, width, request.optimizer().stateBytes(values, budget),
                request.styles().size(), styleTaps, masked);
    }

    private static long bytes(Map<String, long[]> shapes, String tensor) {
        long[] shape = shapes.get(tensor);
        if (shape == null) {
            throw new IllegalArgumentException("no shape for tap " + tensor);
        }
        return FeatureGraph.elements(shape) * Float.BYTES;
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

    /** e.g. {@code 2.0 GB (ORT arenas 916 MB, tap buffers 554 MB, content targets 85 MB, L-BFGS 72 MB, ...)}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (ORT arenas %s, tap buffers %s, content targets %s, L-BFGS %s, weights"
                        + " 2×%s, images %s, runtime %s)", human(total()), human(arenas()), human(taps),
                human(contentTargets), human(optimizer), human(weights), human(images), human(RUNTIME));
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (double) (1L << 20)));
    }
}
