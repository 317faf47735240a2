package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.ImageSize;
import io.github.neuralstyle4j.config.ScheduleStage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver around {@link StyleTransferRun}: the stages of a coarse-to-fine schedule (each starting from the
 * previous result, upsampled with Pillow's bilinear filter), snapshots, and the checkpoint to write or resume from.
 * Without a schedule it is one stage at the config's size and steps.
 */
public final class ScheduledRun {

    /** What one stage did; {@code image} is its result, which the next stage starts from (upsampled). */
    public record Stage(int size, int width, int height, int evaluations, double seconds, Evaluation result,
                        RgbImage image) {
    }

    /** The final stage's outcome (the image to write), every stage, and all evaluations in order. */
    public record Result(StyleTransferRun.Outcome outcome, List<Stage> stages, List<Evaluation> losses) {
    }

    private ScheduledRun() {
    }

    /**
     * @param resume a checkpoint file to continue from, or null. Snapshots and the checkpoint are written relative to
     *               the output's folder.
     */
    public static Result run(StyleTransferConfig config, String source, Backbone backbone,
                             EvaluationListener listener, Path resume) {
        List<ScheduleStage> stages = config.schedule().isEmpty()
                ? List.of(new ScheduleStage(config.imageSize(), config.steps())) : config.schedule();
        Checkpoint resumed = resume != null ? Checkpoint.read(resume) : null;
        if (resumed != null && stages.size() > 1) {
            throw new ConfigException(source, "$.schedule", "a run with a schedule cannot resume from a checkpoint");
        }
        if (resumed != null && !resumed.state().algorithm().equals(config.optimizer().name().jsonName())) {
            throw new EngineException(resume + " holds " + resumed.state().algorithm() + " state, but the config's"
                    + " optimizer is " + config.optimizer().name());
        }
        String checkpointFile = config.snapshots().checkpoint();
        Path folder = Path.of(config.output()).toAbsolutePath().getParent();
        SnapshotWriter snapshots = new SnapshotWriter(config.snapshots(), folder,
                resumed != null ? resumed.state().evaluations() : 0, listener);
        RgbImage content = ImageLoading.load(config.content().image());

        List<Stage> done = new ArrayList<>();
        List<Evaluation> losses = new ArrayList<>();
        StyleTransferRun.Outcome outcome = null;
        for (int i = 0; i < stages.size(); i++) {
            ScheduleStage stage = stages.get(i);
            boolean last = i == stages.size() - 1;
            Resize.Size size = Resize.outputSize(content.width(), content.height(), stage.size());
            StyleTransferConfig stageConfig = config.toBuilder().size(ImageSize.uniform(stage.size()))
                    .steps(stage.steps()).schedule(List.of()).build();
            StyleTransferRun.Start start;
            boolean keepState = last && checkpointFile != null;
            if (outcome != null) {
                start = new StyleTransferRun.Start(Resize.to(outcome.image(), size.width(), size.height()), null,
                        keepState);
            } else if (resumed != null) {
                RgbImage image = resumed.image();
                if (image.width() != size.width() || image.height() != size.height()) {
                    throw new EngineException(resume + " holds a " + image.width() + "×" + image.height()
                            + " image, but this run works at " + size + ": resume with the same content and size");
                }
                start = new StyleTransferRun.Start(image, resumed.state(), keepState);
            } else {
                start = new StyleTransferRun.Start(null, null, keepState);
            }
            snapshots.stage(size.width(), size.height());
            outcome = StyleTransferRun.run(stageConfig, source, backbone, snapshots, start);
            losses.addAll(outcome.losses());
            done.add(new Stage(stage.size(), outcome.width(), outcome.height(), outcome.evaluations(),
                    outcome.seconds(), outcome.result(), outcome.image()));
        }
        if (checkpointFile != null && outcome.finalState() != null) {
            new Checkpoint(outcome.lastStepImage(), outcome.finalState()).write(folder.resolve(checkpointFile));
        }
        return new Result(outcome, List.copyOf(done), List.copyOf(losses));
    }
}
