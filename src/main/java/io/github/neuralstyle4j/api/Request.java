package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.config.Pooling;
import io.github.neuralstyle4j.config.PreserveColors;
import io.github.neuralstyle4j.config.StyleNormalization;
import io.github.neuralstyle4j.engine.Checkpoint;
import io.github.neuralstyle4j.engine.StopRequest;
import io.github.neuralstyle4j.image.RgbImage;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One style transfer for {@link StyleTransfer#run}: images in memory, the loss terms, the size and evaluation budget,
 * the optimiser and the run's controls. Immutable; made by {@link #builder()}, whose {@link Builder#build()}
 * checks everything that can be checked without the backbone (layer names are checked by the run).
 */
public final class Request {

    /** The smallest working size: below it the deepest VGG layers see a feature map of 1×1 or less. */
    public static final int MIN_SIZE = 16;
    /** A guard against typos (an extra zero) that would otherwise run out of memory minutes later. */
    public static final int MAX_SIZE = 16384;
    /** Style scales below this leave too few pixels for the deeper layers; above the maximum, memory runs out. */
    public static final double MIN_STYLE_SCALE = 0.05;
    /** See {@link #MIN_STYLE_SCALE}. */
    public static final double MAX_STYLE_SCALE = 8;

    /**
     * A style image and its blend weight; the weights are divided by their sum.
     *
     * @param image  the style image
     * @param weight its blend weight (finite, >= 0)
     */
    public record Style(RgbImage image, double weight) {
        /** @throws IllegalArgumentException if the image is missing or the weight invalid */
        public Style {
            Validation.required(image, "style image");
            Validation.nonNegative(weight, "style blend weight");
        }
    }

    /**
     * A stage of a coarse-to-fine schedule; each stage starts from the previous one's result, upsampled.
     *
     * @param size        the content's shorter side in pixels
     * @param evaluations the stage's evaluation budget (>= 1)
     */
    public record Stage(int size, int evaluations) {
        /** @throws IllegalArgumentException if a value is out of range */
        public Stage {
            Validation.between(size, MIN_SIZE, MAX_SIZE, "stage size");
            Validation.atLeast(evaluations, 1, "stage evaluations");
        }
    }

    /** Where the optimisation starts. */
    public enum Start {
        /** A copy of the content image, as the seed does. */
        CONTENT,
        /** Uniform noise in [0, 1) from {@code java.util.Random(seed)}. */
        NOISE,
        /** A given image, resized to the content's size. */
        IMAGE
    }

    private final RgbImage content;
    private final double contentWeight;
    private final Map<String, Double> contentLayers;
    private final List<Style> styles;
    private final double styleWeight;
    private final Map<String, Double> styleLayers;
    private final Double styleScale;
    private final StyleNormalization styleNormalization;
    private final int size;
    private final int evaluations;
    private final List<Stage> schedule;
    private final Start start;
    private final long seed;
    private final RgbImage startImage;
    private final OptimizerSpec optimizer;
    private final double tvWeight;
    private final Pooling pooling;
    private final PreserveColors preserveColors;
    private final Boolean gramInGraph;
    private final int snapshotEvery;
    private final boolean keepResumeState;
    private final Checkpoint resumeFrom;
    private final long memoryLimit;
    private final RunListener listener;
    private final StopRequest stop;
    private final Convergence convergence;
    private final SpatialControl spatial;
    private final ImageTerm imageTerm;

    private Request(Builder b) {
        spatial = Validation.required(b.spatial, "spatial control (SpatialControl.NONE for none)");
        boolean texture = spatial.isTexture();
        content = texture ? Validation.absent(b.content, "a texture's content image") : Validation.required(b.content,
                "content image (or spatial(SpatialControl.texture(width, height)) for a texture)");
        contentWeight = b.contentWeight;
        Validation.nonNegative(contentWeight, "content weight");
        contentLayers = texture ? Map.of() : Validation.layers(b.contentLayers, "content layers");
        styles = Validation.styles(b.styles);
        styleWeight = b.styleWeight;
        Validation.nonNegative(styleWeight, "style weight");
        styleLayers = Validation.layers(b.styleLayers, "style layers");
        styleScale = b.styleScale == null ? null
                : Validation.within(b.styleScale, MIN_STYLE_SCALE, MAX_STYLE_SCALE, "style scale");
        styleNormalization = Validation.required(b.styleNormalization, "style normalization (NONE or GATYS)");
        size = b.size;
        Validation.between(size, MIN_SIZE, MAX_SIZE, "size");
        evaluations = b.evaluations;
        Validation.atLeast(evaluations, 1, "evaluations");
        schedule = List.copyOf(b.schedule);
        start = b.start != null ? b.start : texture ? Start.NOISE : Start.CONTENT;
        seed = b.seed;
        startImage = b.startImage;
        optimizer = Validation.required(b.optimizer, "optimizer (Lbfgs.seed(), Adam.defaults() or Ncg.defaults())");
        tvWeight = b.tvWeight;
        Validation.nonNegative(tvWeight, "tv weight");
        pooling = Validation.required(b.pooling, "pooling (MAX or AVG)");
        preserveColors = Validation.required(b.preserveColors, "preserve colors (NONE, LUMINANCE or HISTOGRAM)");
        gramInGraph = b.gramInGraph;
        snapshotEvery = b.snapshotEvery;
        Validation.atLeast(snapshotEvery, 0, "snapshotEvery");
        keepResumeState = b.keepResumeState;
        resumeFrom = b.resumeFrom;
        memoryLimit = b.memoryLimit;
        Validation.atLeast(memoryLimit, 0, "memoryLimit");
        listener = Validation.required(b.listener, "listener");
        stop = Validation.required(b.stop, "stop");
        convergence = Validation.required(b.convergence, "convergence (Convergence.SEED for the seed's)");
        imageTerm = b.imageTerm;
        Validation.combinations(this);
    }

    /** A builder with the seed's settings: content weight 1, style weight 1e6, L-BFGS, 300 evaluations, 512 px. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to make a variant. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The content image; null for a texture ({@link SpatialControl#isTexture()}). */
    public RgbImage content() { return content; }
    /** The width of the content image, or of the texture's canvas. */
    public int canvasWidth() { return content != null ? content.width() : spatial.textureWidth(); }
    /** The height of the content image, or of the texture's canvas. */
    public int canvasHeight() { return content != null ? content.height() : spatial.textureHeight(); }
    /** The weight of the content term. */
    public double contentWeight() { return contentWeight; }
    /** Content layers and their weights, in order; empty for a texture. */
    public Map<String, Double> contentLayers() { return contentLayers; }
    /** The style images with their blend weights. */
    public List<Style> styles() { return styles; }
    /** The weight of the style term. */
    public double styleWeight() { return styleWeight; }
    /** Style layers and their weights, in order. */
    public Map<String, Double> styleLayers() { return styleLayers; }
    /** The style images' shorter side as a multiple of the content's, or null for the content's exact size. */
    public Double styleScale() { return styleScale; }
    /** How each style layer's loss is scaled. */
    public StyleNormalization styleNormalization() { return styleNormalization; }
    /** The content's shorter side in pixels during the run (without a schedule). */
    public int size() { return size; }
    /** The evaluation budget (without a schedule); see {@link OptimizerSpec#evaluationsFor}. */
    public int evaluations() { return evaluations; }
    /** Coarse-to-fine stages, or empty for one stage at {@link #size()} and {@link #evaluations()}. */
    public List<Stage> schedule() { return schedule; }
    /** The stages the run makes: the schedule, or one stage at the request's size and budget. */
    public List<Stage> stages() { return schedule.isEmpty() ? List.of(new Stage(size, evaluations)) : schedule; }
    /** Where the optimisation starts. */
    public Start start() { return start; }
    /** The seed of {@link Start#NOISE}. */
    public long seed() { return seed; }
    /** The start image of {@link Start#IMAGE}, else null. */
    public RgbImage startImage() { return startImage; }
    /** The optimiser and its settings. */
    public OptimizerSpec optimizer() { return optimizer; }
    /** The weight of the total-variation regulariser (0 = none). */
    public double tvWeight() { return tvWeight; }
    /** The backbone's pooling, as trained or swapped for average pooling. */
    public Pooling pooling() { return pooling; }
    /** Whether and how the content's colours are kept. */
    public PreserveColors preserveColors() { return preserveColors; }
    /** Gram matrices in the graphs (true), on the host (false), or null: in the graphs on CUDA only. */
    public Boolean gramInGraph() { return gramInGraph; }
    /** Evaluations between snapshots given to {@link RunListener#onSnapshot}; 0 for none. */
    public int snapshotEvery() { return snapshotEvery; }
    /** Whether the result carries the optimiser's state to resume from ({@link Result#resumeState()}). */
    public boolean keepResumeState() { return keepResumeState; }
    /** The state a resumed run continues from, or null. */
    public Checkpoint resumeFrom() { return resumeFrom; }
    /** The largest estimated peak memory in bytes a run may need; 0 for the memory available when it starts. */
    public long memoryLimit() { return memoryLimit; }
    /** Told about the run's progress. */
    public RunListener listener() { return listener; }
    /** Stops the run at its next evaluation when requested (from any thread). */
    public StopRequest stop() { return stop; }
    /** The stop rule and the gradient's treatment besides the optimiser's settings. */
    public Convergence convergence() { return convergence; }
    /** Masks on the loss terms, or texture synthesis. */
    public SpatialControl spatial() { return spatial; }
    /** An extra term on the image itself (video's temporal loss), or null for none. */
    public ImageTerm imageTerm() { return imageTerm; }

    /** Sets the fields of a {@link Request}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private RgbImage content;
        private double contentWeight = 1;
        private Map<String, Double> contentLayers;
        private final List<Style> styles = new ArrayList<>();
        private double styleWeight = 1e6;
        private Map<String, Double> styleLayers;
        private Double styleScale;
        private StyleNormalization styleNormalization = StyleNormalization.NONE;
        private int size = 512;
        private int evaluations = 300;
        private List<Stage> schedule = List.of();
        private Start start;
        private long seed;
        private RgbImage startImage;
        private OptimizerSpec optimizer = OptimizerSpec.Lbfgs.seed();
        private double tvWeight;
        private Pooling pooling = Pooling.MAX;
        private PreserveColors preserveColors = PreserveColors.NONE;
        private Boolean gramInGraph;
        private int snapshotEvery;
        private boolean keepResumeState;
        private Checkpoint resumeFrom;
        private long memoryLimit;
        private RunListener listener = RunListener.NONE;
        private StopRequest stop = new StopRequest();
        private Convergence convergence = Convergence.SEED;
        private SpatialControl spatial = SpatialControl.NONE;
        private ImageTerm imageTerm;

        private Builder() { }

        private Builder(Request r) {
            content = r.content;
            contentWeight = r.contentWeight;
            contentLayers = r.contentLayers;
            styles.addAll(r.styles);
            styleWeight = r.styleWeight;
            styleLayers = r.styleLayers;
            styleScale = r.styleScale;
            styleNormalization = r.styleNormalization;
            size = r.size;
            evaluations = r.evaluations;
            schedule = r.schedule;
            start = r.start;
            seed = r.seed;
            startImage = r.startImage;
            optimizer = r.optimizer;
            tvWeight = r.tvWeight;
            pooling = r.pooling;
            preserveColors = r.preserveColors;
            gramInGraph = r.gramInGraph;
            snapshotEvery = r.snapshotEvery;
            keepResumeState = r.keepResumeState;
            resumeFrom = r.resumeFrom;
            memoryLimit = r.memoryLimit;
            listener = r.listener;
            stop = r.stop;
            convergence = r.convergence;
            spatial = r.spatial;
            imageTerm = r.imageTerm;
        }

        /** The content image. */
        public Builder content(RgbImage image) { content = image; return this; }

        /** The content image, converted from its 8-bit samples. */
        public Builder content(BufferedImage image) { return content(RgbImage.fromBufferedImage(image)); }

        /** The weight of the content term (default 1). */
        public Builder contentWeight(double weight) { contentWeight = weight; return this; }

        /** Content layers (backbone layer names, e.g. {@code conv_4}) and their weights. */
        public Builder contentLayers(Map<String, Double> layers) { contentLayers = layers; return this; }

        /** Adds a style image with its blend weight. */
        public Builder style(RgbImage image, double blendWeight) {
            styles.add(new Style(image, blendWeight));
            return this;
        }

        /** Adds a style image, converted from its 8-bit samples, with its blend weight. */
        public Builder style(BufferedImage image, double blendWeight) {
            return style(RgbImage.fromBufferedImage(image), blendWeight);
        }

        /** Replaces the style images. */
        public Builder styles(List<Style> newStyles) {
            styles.clear();
            styles.addAll(newStyles);
            return this;
        }

        /** The weight of the style term (default 1e6, the seed's). */
        public Builder styleWeight(double weight) { styleWeight = weight; return this; }

        /** Style layers and their weights. */
        public Builder styleLayers(Map<String, Double> layers) { styleLayers = layers; return this; }

        /** Style images at {@code scale} × the content's shorter side; null (default) for the content's size. */
        public Builder styleScale(Double scale) { styleScale = scale; return this; }

        /** How each style layer's loss is scaled (default {@link StyleNormalization#NONE}). */
        public Builder styleNormalization(StyleNormalization n) { styleNormalization = n; return this; }

        /** The content's shorter side in pixels (default 512). */
        public Builder size(int pixels) { size = pixels; return this; }

        /** The evaluation budget (default 300, the seed's {@code num_steps}). */
        public Builder evaluations(int budget) { evaluations = budget; return this; }

        /** Coarse-to-fine stages, smallest first (default none). */
        public Builder schedule(List<Stage> stages) { schedule = stages; return this; }

        /** Start from the content image (the default). */
        public Builder startFromContent() { start = Start.CONTENT; startImage = null; return this; }

        /** Start from uniform noise drawn from {@code java.util.Random(seed)}. */
        public Builder startFromNoise(long noiseSeed) {
            start = Start.NOISE;
            seed = noiseSeed;
            startImage = null;
            return this;
        }

        /** Start from {@code image}, resized to the content's working size. */
        public Builder startFrom(RgbImage image) {
            start = Start.IMAGE;
            startImage = Validation.required(image, "start image");
            return this;
        }

        /** The optimiser (default {@link OptimizerSpec.Lbfgs#seed()}). */
        public Builder optimizer(OptimizerSpec spec) { optimizer = spec; return this; }

        /** The total-variation weight (default 0: none). */
        public Builder tvWeight(double weight) { tvWeight = weight; return this; }

        /** The backbone's pooling (default as trained). */
        public Builder pooling(Pooling p) { pooling = p; return this; }

        /** Whether and how to keep the content's colours (default {@link PreserveColors#NONE}). */
        public Builder preserveColors(PreserveColors p) { preserveColors = p; return this; }

        /** Gram matrices in the graphs (true) or on the host (false); null (default) chooses by device. */
        public Builder gramInGraph(Boolean inGraph) { gramInGraph = inGraph; return this; }

        /** A snapshot for the listener every {@code n} evaluations; 0 (default) for none. */
        public Builder snapshotEvery(int n) { snapshotEvery = n; return this; }

        /** Keep the optimiser's final state in the result, for a later run to resume from. */
        public Builder keepResumeState(boolean keep) { keepResumeState = keep; return this; }

        /** Continue from an earlier run's state (same content, size and optimiser); the budget counts its evaluations. */
        public Builder resumeFrom(Checkpoint state) { resumeFrom = state; return this; }

        /** Refuse a run whose estimated peak memory exceeds this many bytes; 0 (default) for the available memory. */
        public Builder memoryLimit(long bytes) { memoryLimit = bytes; return this; }

        /** Told about progress and snapshots. */
        public Builder listener(RunListener l) { listener = l; return this; }

        /** A stop request another thread may trigger; the run then ends with its best image so far. */
        public Builder stop(StopRequest s) { stop = s; return this; }

        /** The stop rule and the gradient's treatment (default {@link Convergence#SEED}). */
        public Builder convergence(Convergence c) { convergence = c; return this; }

        /** Masks on the loss terms, or a texture without content image (default {@link SpatialControl#NONE}). */
        public Builder spatial(SpatialControl s) { spatial = s; return this; }
        /** An extra term on the image itself, added to the loss and its gradient (default none: null). */
        public Builder imageTerm(ImageTerm term) { imageTerm = term; return this; }

        /**
         * The request.
         *
         * @throws IllegalArgumentException naming the first missing or invalid setting and its valid values
         */
        public Request build() {
            return new Request(this);
        }
    }
}
