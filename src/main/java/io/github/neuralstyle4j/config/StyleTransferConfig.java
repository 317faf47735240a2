package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One style-transfer run. Read it with {@link ConfigLoader}; adjust it with the {@code with...} methods, which
 * validate like the loader does.
 *
 * @param backbone  the feature extractor, e.g. {@code onnx/vgg19-random}
 * @param content   the content image and its loss term
 * @param style     the style images and their loss term
 * @param size      the working image size per device
 * @param steps     the run length (>= 1): the tutorial's {@code num_steps}, which counts loss evaluations
 * @param init      the image the optimisation starts from
 * @param seed      the seed for anything random (random backbones, noise)
 * @param optimizer the optimiser and its settings
 * @param device    where to run
 * @param threads   CPU threads for the runtime; 0 lets the runtime choose
 * @param output    where to write the stylized image
 * @param gramInGraph compute the style Gram matrices inside the ONNX graphs (true), with ND4J on the host (false),
 *                  or null: in the graphs on CUDA, on the host on the CPU (see {@link #gramsInGraph()})
 * @param pooling   the backbone's pooling: as trained, or swapped for average pooling
 * @param schedule  coarse-to-fine stages (size, steps), smallest first; empty for one run at {@code size}/{@code steps}
 * @param snapshots intermediate images and the checkpoint
 * @param pictures  loss plot and contact sheet beside the output
 * @param preserveColors whether and how the content's colours are kept
 * @param tvWeight  the weight of the total-variation regulariser (finite, >= 0; 0 = none)
 * @param stop      an exact evaluation budget and a convergence rule besides {@code steps} ({@link StopRule#NONE}:
 *                  the seed's loop alone)
 * @param normalizeGradients divide each loss term's gradient by its L1 norm before its weight applies
 *                  (neural-style's {@code -normalize_gradients}); computed on the host, so not with {@code gramInGraph}
 * @param tiles     overlapping tiles for stages too large for the memory limit ({@link TileSpec#OFF}: none)
 * @param maxMemoryMb the memory limit of the run's plan in MiB (a stage that cannot fit even on tiles is refused
 *                  before it starts); 0 for the memory available when the run starts
 */
public record StyleTransferConfig(
        String backbone,
        ContentSpec content,
        StyleSpec style,
        ImageSize size,
        int steps,
        InitImage init,
        long seed,
        OptimizerSpec optimizer,
        DeviceSpec device,
        int threads,
        String output,
        // absent rather than null in toJson, which ConfigLoader.parse would reject
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean gramInGraph,
        Pooling pooling,
        // absent rather than [] in toJson: an empty schedule in a file is refused as a list that lost its stages
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ScheduleStage> schedule,
        SnapshotSpec snapshots,
        PicturesSpec pictures,
        PreserveColors preserveColors,
        double tvWeight,
        StopRule stop,
        boolean normalizeGradients,
        TileSpec tiles,
        // absent rather than 0 in toJson: 0 means "the memory available", as when it is left out
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxMemoryMb) {

    public static final String DEFAULT_BACKBONE = "onnx/vgg19-random";
    public static final int DEFAULT_STEPS = 300;
    public static final InitImage DEFAULT_INIT = InitImage.CONTENT;
    public static final long DEFAULT_SEED = 0;
    public static final DeviceSpec DEFAULT_DEVICE = DeviceSpec.CPU;
    public static final int DEFAULT_THREADS = 0;
    public static final String DEFAULT_OUTPUT = "stylized.png";
    public static final PreserveColors DEFAULT_PRESERVE_COLORS = PreserveColors.NONE;
    public static final double DEFAULT_TV_WEIGHT = 0;

    public StyleTransferConfig {
        Checks.nonBlank(backbone, "$.backbone");
        Checks.required(content, "$.content");
        Checks.required(style, "$.style");
        Checks.required(size, "$.size");
        Checks.atLeast(steps, 1, "$.steps");
        Checks.required(init, "$.init");
        Checks.required(optimizer, "$.optimizer");
        Checks.required(device, "$.device");
        checkThreads(threads, "$.threads");
        Checks.nonBlank(output, "$.output");
        Checks.required(pooling, "$.pooling");
        schedule = List.copyOf(Checks.required(schedule, "$.schedule"));
        for (int i = 1; i < schedule.size(); i++) {
            if (schedule.get(i).size() < schedule.get(i - 1).size()) {
                throw new ConfigException(null, JsonPaths.index("$.schedule", i) + ".size", "must be at least the"
                        + " previous stage's size " + schedule.get(i - 1).size() + ", got " + schedule.get(i).size()
                        + ": a schedule goes from coarse to fine");
            }
        }
        Checks.required(snapshots, "$.snapshots");
        Checks.required(pictures, "$.pictures");
        Checks.required(preserveColors, "$.preserve_colors");
        Checks.finiteNonNegative(tvWeight, "$.tv_weight");
        Checks.required(stop, "$.stop");
        Checks.required(tiles, "$.tiles");
        if (!tiles.isOff() && (style.hasMasks() || content.mask() != null || content.isTexture())) {
            throw new ConfigException(null, "$.tiles", "tiles do not combine with masks or texture synthesis yet");
        }
        if (maxMemoryMb < 0 || maxMemoryMb > Long.MAX_VALUE >> 20) {
            throw new ConfigException(null, "$.max_memory_mb", "must be a positive number of MiB (or 0 for the"
                    + " memory available), got " + maxMemoryMb);
        }
        if (normalizeGradients && Boolean.TRUE.equals(gramInGraph)) {
            throw new ConfigException(null, "$.normalize_gradients", "cannot be combined with gram_in_graph: the"
                    + " normalisation needs each layer's feature gradient, which stays inside the graph then");
        }
        if (style.hasMasks() && Boolean.TRUE.equals(gramInGraph)) {
            throw new ConfigException(null, "$.gram_in_graph", "cannot be combined with style masks: a masked Gram"
                    + " weighs the features by the mask, on the host");
        }
    }

    /**
     * A run with the tutorial's settings for the given images and layers: everything but what a file must state.
     */
    public static StyleTransferConfig defaults(ContentSpec content, StyleSpec style) {
        return new StyleTransferConfig(DEFAULT_BACKBONE, content, style, ImageSize.DEFAULT, DEFAULT_STEPS,
                DEFAULT_INIT, DEFAULT_SEED, OptimizerSpec.DEFAULT, DEFAULT_DEVICE, DEFAULT_THREADS, DEFAULT_OUTPUT, null,
                Pooling.MAX, List.of(), SnapshotSpec.NONE, PicturesSpec.NONE,
                DEFAULT_PRESERVE_COLORS, DEFAULT_TV_WEIGHT, StopRule.NONE, false, TileSpec.OFF, 0);
    }

    /**
     * The most threads a run may ask for: 4 per core. More buys nothing, and ONNX Runtime allocates per thread
     * while it builds a session (100,000 threads grew memory without bound and ignored SIGTERM).
     */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** @throws ConfigException at {@code path} unless 0 (all cores) ≤ threads ≤ {@link #maxThreads()} */
    public static int checkThreads(int threads, String path) {
        Checks.atLeast(threads, 0, path);
        if (threads > maxThreads()) {
            throw new ConfigException(null, path, "must be at most " + maxThreads() + " (4 × the "
                    + Runtime.getRuntime().availableProcessors() + " cores here), got " + threads);
        }
        return threads;
    }

    public StyleTransferConfig withContentImage(String image) {
        ContentSpec c = JsonPaths.within("content", () -> content.withImage(image));
        return toBuilder().content(c).build();
    }

    public StyleTransferConfig withStyleImages(List<String> images) {
        StyleSpec s = JsonPaths.within("style", () -> style.withImages(images));
        return toBuilder().style(s).build();
    }

    /**
     * The same style images with other blend weights, one per image in order.
     *
     * @throws ConfigException if the counts differ or a weight is invalid
     */
    public StyleTransferConfig withStyleWeights(List<Double> weights) {
        StyleSpec s = JsonPaths.within("style", () -> {
            if (weights.size() != style.images().size()) {
                throw new ConfigException(null, "$.images", weights.size() + " blend weight(s) for "
                        + style.images().size() + " style image(s)");
            }
            List<StyleImage> images = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                double w = Checks.finiteNonNegative(weights.get(i), JsonPaths.index("$.images", i) + ".weight");
                images.add(style.images().get(i).withWeight(w));
            }
            return style.withStyleImages(images);
        });
        return toBuilder().style(s).build();
    }

    /** Style images at {@code scale} times the content's size; null for the content's exact size. */
    public StyleTransferConfig withStyleScale(Double scale) {
        StyleSpec s = JsonPaths.within("style", () -> style.withScale(scale));
        return toBuilder().style(s).build();
    }

    public StyleTransferConfig withOutput(String newOutput) {
        return toBuilder().output(newOutput).build();
    }

    /**
     * The same working size on every device. A schedule is scaled so that its last stage has this size and the
     * earlier ones keep their ratios to it.
     */
    public StyleTransferConfig withSize(int newSize) {
        ImageSize s = JsonPaths.within("size", () -> ImageSize.uniform(newSize));
        ScheduleStage last = schedule.isEmpty() ? null : schedule.get(schedule.size() - 1);
        List<ScheduleStage> scaled = schedule.stream().map(st -> new ScheduleStage(
                Math.max(ImageSize.MIN, (int) Math.round((double) st.size() * newSize / last.size())), st.steps())).toList();
        return toBuilder().size(s).schedule(scaled).build();
    }

    /** The run length; with a schedule, the length of every stage. */
    public StyleTransferConfig withSteps(int newSteps) {
        List<ScheduleStage> stages = schedule.stream().map(st -> new ScheduleStage(st.size(), newSteps)).toList();
        return toBuilder().steps(newSteps).schedule(stages).build();
    }

    public StyleTransferConfig withBackbone(String newBackbone) {
        return toBuilder().backbone(newBackbone).build();
    }

    public StyleTransferConfig withDevice(DeviceSpec newDevice) {
        return toBuilder().device(Objects.requireNonNull(newDevice, "newDevice")).build();
    }

    public StyleTransferConfig withThreads(int newThreads) {
        return toBuilder().threads(newThreads).build();
    }

    public StyleTransferConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** A builder holding this config's values; {@link Builder#build()} validates like the constructor. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Copies a config with some fields changed, so that adding a field touches one line here rather than every
     * {@code with...} method.
     */
    public static final class Builder {
        private String backbone;
        private ContentSpec content;
        private StyleSpec style;
        private ImageSize size;
        private int steps;
        private InitImage init;
        private long seed;
        private OptimizerSpec optimizer;
        private DeviceSpec device;
        private int threads;
        private String output;
        private Boolean gramInGraph;
        private Pooling pooling;
        private List<ScheduleStage> schedule;
        private SnapshotSpec snapshots;
        private PicturesSpec pictures;
        private PreserveColors preserveColors;
        private double tvWeight;
        private StopRule stop;
        private boolean normalizeGradients;
        private TileSpec tiles;
        private long maxMemoryMb;

        private Builder(StyleTransferConfig c) {
            backbone = c.backbone;
            content = c.content;
            style = c.style;
            size = c.size;
            steps = c.steps;
            init = c.init;
            seed = c.seed;
            optimizer = c.optimizer;
            device = c.device;
            threads = c.threads;
            output = c.output;
            gramInGraph = c.gramInGraph;
            pooling = c.pooling;
            schedule = c.schedule;
            snapshots = c.snapshots;
            pictures = c.pictures;
            preserveColors = c.preserveColors;
            tvWeight = c.tvWeight;
            stop = c.stop;
            normalizeGradients = c.normalizeGradients;
            tiles = c.tiles;
            maxMemoryMb = c.maxMemoryMb;
        }

        public Builder backbone(String v) { backbone = v; return this; }
        public Builder content(ContentSpec v) { content = v; return this; }
        public Builder style(StyleSpec v) { style = v; return this; }
        public Builder size(ImageSize v) { size = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder init(InitImage v) { init = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder optimizer(OptimizerSpec v) { optimizer = v; return this; }
        public Builder device(DeviceSpec v) { device = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder output(String v) { output = v; return this; }
        public Builder gramInGraph(Boolean v) { gramInGraph = v; return this; }
        public Builder pooling(Pooling v) { pooling = v; return this; }
        public Builder schedule(List<ScheduleStage> v) { schedule = v; return this; }
        public Builder snapshots(SnapshotSpec v) { snapshots = v; return this; }
        public Builder pictures(PicturesSpec v) { pictures = v; return this; }

        public Builder preserveColors(PreserveColors v) { preserveColors = v; return this; }
        public Builder tvWeight(double v) { tvWeight = v; return this; }
        public Builder stop(StopRule v) { stop = v; return this; }
        public Builder normalizeGradients(boolean v) { normalizeGradients = v; return this; }
        public Builder tiles(TileSpec v) { tiles = v; return this; }
        public Builder maxMemoryMb(long v) { maxMemoryMb = v; return this; }
        public StyleTransferConfig build() {
            return new StyleTransferConfig(backbone, content, style, size, steps, init, seed, optimizer, device,
                    threads, output, gramInGraph, pooling, schedule, snapshots, pictures, preserveColors, tvWeight, stop,
                    normalizeGradients, tiles, maxMemoryMb);
        }
    }

    /** The working image size on this run's device. */
    public int imageSize() {
        return size.forDevice(device);
    }

    /**
     * Whether the Gram matrices are computed in the graphs: as configured, else on CUDA only, where it keeps the
     * large tensors on the device (on the CPU it would cost a second forward pass per evaluation), and not when
     * gradients are normalised or a style is masked, which need the features or their gradients on the host.
     */
    public boolean gramsInGraph() {
        return gramInGraph != null ? gramInGraph : device.isCuda() && !normalizeGradients && !style.hasMasks();
    }

    @JsonCreator
    static StyleTransferConfig fromJson(
            @JsonProperty("backbone") String backbone,
            @JsonProperty("content") ContentSpec content,
            @JsonProperty("style") StyleSpec style,
            @JsonProperty("size") ImageSize size,
            @JsonProperty("steps") Integer steps,
            @JsonProperty("init") InitImage init,
            @JsonProperty("seed") Long seed,
            @JsonProperty("optimizer") OptimizerSpec optimizer,
            @JsonProperty("device") DeviceSpec device,
            @JsonProperty("threads") Integer threads,
            @JsonProperty("output") String output,
            @JsonProperty("gram_in_graph") Boolean gramInGraph,
            @JsonProperty("pooling") Pooling pooling,
            @JsonProperty("schedule") List<ScheduleStage> schedule,
            @JsonProperty("snapshots") SnapshotSpec snapshots,
            @JsonProperty("pictures") PicturesSpec pictures,
            @JsonProperty("preserve_colors") PreserveColors preserveColors,
            @JsonProperty("tv_weight") Double tvWeight,
            @JsonProperty("stop") StopRule stop,
            @JsonProperty("normalize_gradients") Boolean normalizeGradients,
            @JsonProperty("tiles") TileSpec tiles,
            @JsonProperty("max_memory_mb") Long maxMemoryMb) {
        if (schedule != null && schedule.isEmpty()) {
            // not "no schedule": an empty list is a stage list that lost its stages, and would run at "size"
            throw new ConfigException(null, "$.schedule", "is empty; list its stages from coarse to fine, e.g."
                    + " [{\"size\": 128, \"steps\": 200}, {\"size\": 256, \"steps\": 100}], or leave it out");
        }
        return new StyleTransferConfig(
                backbone != null ? backbone : DEFAULT_BACKBONE,
                content,
                style,
                size != null ? size : ImageSize.DEFAULT,
                steps != null ? steps : DEFAULT_STEPS,
                init != null ? init : DEFAULT_INIT,
                seed != null ? seed : DEFAULT_SEED,
                optimizer != null ? optimizer : OptimizerSpec.DEFAULT,
                device != null ? device : DEFAULT_DEVICE,
                threads != null ? threads : DEFAULT_THREADS,
                output != null ? output : DEFAULT_OUTPUT,
                gramInGraph,
                pooling != null ? pooling : Pooling.MAX,
                schedule != null ? schedule : List.of(),
                snapshots != null ? snapshots : SnapshotSpec.NONE,
                pictures != null ? pictures : PicturesSpec.NONE,
                preserveColors != null ? preserveColors : DEFAULT_PRESERVE_COLORS,
                tvWeight != null ? tvWeight : DEFAULT_TV_WEIGHT,
                stop != null ? stop : StopRule.NONE,
                Boolean.TRUE.equals(normalizeGradients),
                tiles != null ? tiles : TileSpec.OFF,
                maxMemoryMb != null ? maxMemoryMb : 0);
    }
}
