package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.engine.EvaluationListener;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.RunResources;
import io.github.neuralstyle4j.engine.ScheduledRun;
import io.github.neuralstyle4j.tiles.TilePlan;
import io.github.neuralstyle4j.tiles.TilePlanner;
import io.github.neuralstyle4j.tiles.TiledRun;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The library's entry point: neural style transfer (Gatys et al. 2016) with one backbone on one device, opened once
 * and reused for many {@link Request}s. The ONNX Runtime sessions of the last run stay open for the next run at the
 * same image sizes (a run at other sizes closes them first: its memory plan counts its own sessions only); every
 * other native array a run allocates is released when the run returns or fails, and the sessions by
 * {@link #close()}.
 *
 * <pre>{@code
 * try (StyleTransfer st = StyleTransfer.builder().backbone(Path.of("onnx/vgg19-random")).threads(2).build()) {
 *     Result r = st.run(Request.builder().content(photo).style(painting, 1)
 *             .contentLayers(Map.of("conv_4", 1.0)).styleLayers(Map.of("conv_1", 1.0, "conv_2", 1.0))
 *             .size(256).evaluations(100).build());
 *     BufferedImage out = r.bufferedImage();
 * }
 * }</pre>
 *
 * <p>Runs on one instance are serialised (one at a time); use one instance per thread for parallel runs.
 */
public final class StyleTransfer implements AutoCloseable {

    private final Backbone backbone;
    private final Device device;
    private final int threads;
    private final RunResources resources;
    private boolean closed;

    private StyleTransfer(Backbone backbone, Device device, int threads, RunResources resources) {
        this.backbone = backbone;
        this.device = device;
        this.threads = threads;
        this.resources = resources;
    }

    /** A builder: backbone required; CPU, all cores and two cached sizes by default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one style transfer. A stop request or a non-finite loss ends the run early with its best image so far
     * ({@link Result#stoppedBy()}).
     *
     * @throws IllegalArgumentException     if a layer is not one of the backbone's (the message lists them)
     * @throws InsufficientMemoryException  if the run's estimated peak memory exceeds the limit
     * @throws io.github.neuralstyle4j.engine.RunInterruptedException if it stopped before any evaluation finished
     * @throws io.github.neuralstyle4j.engine.EngineException          if ONNX Runtime or the device fails
     */
    public synchronized Result run(Request request) {
        return run(request, EvaluationListener.NONE);
    }

    /**
     * As {@link #run(Request)}, with an engine listener that also sees each evaluated point and its gradient (for
     * the regression checks); not part of the stable API.
     */
    public synchronized Result run(Request request, EvaluationListener engineListener) {
        ensureOpen();
        TilePlan plan = plan(request);
        // the plan counts the sessions of this request's sizes only: an earlier request's other sizes go first
        resources.retainSessions(plan.stages().stream().map(TilePlan.StagePlan::sessionSize).toList());
        return plan.tiled() ? TiledRun.run(request, plan, resources, engineListener)
                : ScheduledRun.run(request, resources, engineListener);
    }

    /**
     * Refuses a request whose estimated peak memory (at its largest stage) exceeds its limit; cheap, allocates
     * nothing. {@link #run} calls it too.
     *
     * @throws InsufficientMemoryException if it does not fit
     */
    public void checkMemory(Request request) {
        plan(request);
    }

    /**
     * The run's plan: each stage's size, full frame or on tiles ({@link Request#tiling()}), with its memory estimate;
     * cheap, allocates nothing. {@link #run} makes the same plan.
     *
     * @throws InsufficientMemoryException if a stage cannot fit, full frame or on the smallest tiles allowed
     */
    public TilePlan plan(Request request) {
        checkLayers(request);
        return TilePlanner.plan(backbone, request);
    }

    private void checkLayers(Request request) {
        check(request.contentLayers(), "content");
        check(request.styleLayers(), "style");
    }

    private void check(Map<String, Double> layers, String what) {
        for (String name : layers.keySet()) {
            if (!backbone.hasLayer(name)) {
                throw new IllegalArgumentException("unknown " + what + " layer '" + name + "'; backbone "
                        + backbone.manifest().name() + " has: " + String.join(", ", backbone.layerNames()));
            }
        }
    }

    /** The backbone's layer names, as requests name them. */
    public List<String> layerNames() {
        return backbone.layerNames();
    }

    /** The backbone the runs use. */
    public Backbone backbone() {
        return backbone;
    }

    /** Where the graphs run. */
    public Device device() {
        return device;
    }

    /** The threads for ONNX Runtime and ND4J; 0 for all cores. */
    public int threads() {
        return threads;
    }

    /** How many image sizes' sessions are open now (for tests of the cache). */
    int openSessionSets() {
        return resources.openSessionSets();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this StyleTransfer is closed");
        }
    }

    /** Closes the cached sessions; the instance cannot run afterwards. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            resources.close();
        }
    }

    /** Chooses the backbone, the device and the threads of a {@link StyleTransfer}. */
    public static final class Builder {
        private Path backbonePath;
        private Backbone backbone;
        private Device device = Device.cpu();
        private int threads;
        private int cachedSizes = 2;

        private Builder() {
        }

        /** The backbone folder to open (e.g. {@code onnx/vgg19-random}). */
        public Builder backbone(Path folder) {
            backbonePath = Objects.requireNonNull(folder, "folder");
            backbone = null;
            return this;
        }

        /** A backbone already open; the caller keeps owning it. */
        public Builder backbone(Backbone open) {
            backbone = Objects.requireNonNull(open, "backbone");
            backbonePath = null;
            return this;
        }

        /** Where the graphs run (default the CPU). */
        public Builder device(Device d) {
            device = Objects.requireNonNull(d, "device");
            return this;
        }

        /** Threads for ONNX Runtime and ND4J (default 0: all cores). */
        public Builder threads(int n) {
            Validation.atLeast(n, 0, "threads");
            threads = n;
            return this;
        }

        /**
         * How many image sizes' sessions stay open at once (default 2, >= 1; the least recently used closes first).
         * Between runs only the sizes the next run uses are kept.
         */
        public Builder cachedSizes(int n) {
            Validation.atLeast(n, 1, "cachedSizes");
            cachedSizes = n;
            return this;
        }

        /**
         * Opens the backbone (when given as a folder) and checks the device.
         *
         * @throws IllegalArgumentException if no backbone was given
         * @throws io.github.neuralstyle4j.backbone.BackboneException if the folder is not a backbone
         * @throws io.github.neuralstyle4j.engine.EngineException    if the device cannot be used
         */
        public StyleTransfer build() {
            if (backbone == null && backbonePath == null) {
                throw new IllegalArgumentException("a backbone is required: backbone(Path) or backbone(Backbone)");
            }
            Backbone bb = backbone != null ? backbone : Backbone.open(backbonePath);
            RunResources resources = new RunResources(bb,
                    new ExecutionOptions(device.cuda(), device.index(), threads), cachedSizes);
            return new StyleTransfer(bb, device, threads, resources);
        }
    }
}
