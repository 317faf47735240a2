package io.github.neuralstyle4j.config;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.RunListener;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.engine.Checkpoint;
import io.github.neuralstyle4j.engine.EngineException;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.EvaluationListener;
import io.github.neuralstyle4j.engine.RunInterruptedException;
import io.github.neuralstyle4j.engine.StopRequest;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.file.Path;

/**
 * The files a config's run reads and writes besides its images: the checkpoint it resumes from, its snapshots and
 * the checkpoint it leaves (relative to the output's folder). The run itself is {@link StyleTransfer}'s.
 */
public final class ConfiguredRun {

    private ConfiguredRun() {
    }

    /**
     * The request for {@code config}: its images loaded, its snapshots written as files, resuming from
     * {@code resume} (a checkpoint file, or null) and keeping the state for the config's checkpoint.
     *
     * @param memoryLimit bytes, or 0 for the config's {@code max_memory_mb} (whose 0 is the memory available when the
     *                    run starts)
     * @throws ConfigException if a run with a schedule is asked to resume
     * @throws EngineException if the checkpoint cannot be read or holds another optimiser's state
     */
    public static Request request(StyleTransferConfig config, String source, RunListener listener, Path resume,
                                  StopRequest stop, long maxPixels, long memoryLimit) {
        Checkpoint resumed = resume != null ? Checkpoint.read(resume) : null;
        if (resumed != null && !config.schedule().isEmpty()) {
            throw new ConfigException(source, "$.schedule", "a run with a schedule cannot resume from a checkpoint");
        }
        if (resumed != null && resumed.state().evaluations() >= config.steps()) {
            // nothing would be left to do (and the run made no evaluation to write)
            throw new ConfigException(source, "$.steps", "the checkpoint " + resume + " already holds "
                    + resumed.state().evaluations() + " evaluations, and steps (which counts them) is "
                    + config.steps() + "; give more steps (--steps) to continue");
        }
        if (resumed != null && !resumed.state().algorithm().equals(config.optimizer().name().jsonName())) {
            throw new EngineException(resume + " holds " + resumed.state().algorithm() + " state, but the config's"
                    + " optimizer is " + config.optimizer().name());
        }
        Path folder = outputFolder(config);
        SnapshotSpec snapshots = config.snapshots();
        RunListener withFiles = new RunListener() {
            @Override
            public void onEvaluation(Evaluation evaluation) {
                listener.onEvaluation(evaluation);
            }

            @Override
            public void onStage(int stage, int width, int height) {
                listener.onStage(stage, width, height);
            }

            @Override
            public void onTile(int stage, int tile, int tiles, boolean fromStore) {
                listener.onTile(stage, tile, tiles, fromStore);
            }

            private boolean snapshotFailed;

            @Override
            public void onSnapshot(int evaluation, RgbImage image) {
                // a snapshot is a by-product: a full disk or a vanished folder must not cost the run its result
                if (!snapshotFailed) {
                    try {
                        ImageWriter.write(image, folder.resolve(snapshots.fileFor(evaluation)));
                    } catch (io.github.neuralstyle4j.image.ImageException e) {
                        snapshotFailed = true;
                        listener.onWarning(e.getMessage() + "; the run goes on without snapshots");
                    }
                }
                listener.onSnapshot(evaluation, image);
            }

            @Override
            public void onWarning(String message) {
                listener.onWarning(message);
            }
        };
        return RequestMapper.toRequest(config, maxPixels).toBuilder()
                .listener(withFiles).stop(stop)
                .snapshotEvery(snapshots.every())
                .keepResumeState(snapshots.checkpoint() != null)
                .resumeFrom(resumed)
                .memoryLimit(memoryLimit > 0 ? memoryLimit : config.maxMemoryMb() << 20)
                .build();
    }

    /** Runs {@code request} (made by {@link #request}) and writes the config's checkpoint when it completed. */
    public static Result run(StyleTransfer transfer, StyleTransferConfig config, Request request) {
        return run(transfer, config, request, EvaluationListener.NONE);
    }

    /** As above, with an engine listener that sees each evaluated point and gradient (see {@link StyleTransfer}). */
    public static Result run(StyleTransfer transfer, StyleTransferConfig config, Request request,
                             EvaluationListener engineListener) {
        Checkpoint.Origin origin = origin(config, transfer);
        Checkpoint resumed = request.resumeFrom();
        if (resumed != null && resumed.origin() != null) {
            requireSameOrigin(resumed.origin(), origin, config);
        }
        Result result = transfer.run(request, engineListener);
        if (config.snapshots().checkpoint() != null && result.resumeState() != null) {
            result.resumeState().withOrigin(origin)
                    .write(outputFolder(config).resolve(config.snapshots().checkpoint()));
        }
        return result;
    }

    /** Request and run in one, without a stop and with the default pixel and memory limits. */
    public static Result run(StyleTransfer transfer, StyleTransferConfig config, String source,
                             EvaluationListener engineListener, Path resume) {
        return run(transfer, config, request(config, source, RunListener.NONE, resume, new StopRequest(),
                ImageLoading.DEFAULT_MAX_PIXELS, 0), engineListener);
    }

    /**
     * One run of a config on its device and threads, for the callers that compare runs with references (the
     * regression runner, the device check): a façade for this run only, its layers checked against the backbone
     * with the config's JSON paths in the error, and a run that ended early reported as an error.
     *
     * @param engineListener sees each evaluated point and gradient
     * @throws RunInterruptedException if the loss stopped being finite
     */
    public static Result once(StyleTransferConfig config, String source, Backbone backbone,
                              EvaluationListener engineListener) {
        ConfigLoader.checkLayers(config, backbone.layerNames(), source);
        try (StyleTransfer transfer = StyleTransfer.builder().backbone(backbone).device(RequestMapper.device(config))
                .threads(config.threads()).build()) {
            Result result = transfer.run(RequestMapper.toRequest(config, ImageLoading.DEFAULT_MAX_PIXELS),
                    engineListener);
            if (!result.completed()) {
                throw new RunInterruptedException(result.stopMessage(), null,
                        result.stoppedBy() == Result.StoppedBy.REQUEST, null);
            }
            return result;
        }
    }

    /** The content image's SHA-256 (or builtin name) and the backbone's name and model SHA-256. */
    static Checkpoint.Origin origin(StyleTransferConfig config, StyleTransfer transfer) {
        String image = config.content().image();
        String content = config.content().isTexture() ? "texture " + config.content().width() + "x"
                + config.content().height() : image.startsWith("builtin:") ? image
                : "sha256 " + io.github.neuralstyle4j.backbone.BackboneFolders.sha256(Path.of(image));
        var manifest = transfer.backbone().manifest();
        String modelSha = manifest.weights() == null ? null : manifest.weights().sha256();
        return new Checkpoint.Origin(content, manifest.name() + (modelSha == null ? "" : " sha256 " + modelSha));
    }

    private static void requireSameOrigin(Checkpoint.Origin was, Checkpoint.Origin now, StyleTransferConfig config) {
        if (!was.content().equals(now.content())) {
            throw new ConfigException(null, "$.content.image", "the checkpoint was made from another content"
                    + " image (" + was.content() + ") than " + config.content().image() + " (" + now.content()
                    + "); resume with the same content");
        }
        if (!was.backbone().equals(now.backbone())) {
            throw new ConfigException(null, "$.backbone", "the checkpoint was made with backbone " + was.backbone()
                    + ", not " + now.backbone() + "; resume with the same backbone");
        }
    }

    private static Path outputFolder(StyleTransferConfig config) {
        return Path.of(config.output()).toAbsolutePath().getParent();
    }
}
