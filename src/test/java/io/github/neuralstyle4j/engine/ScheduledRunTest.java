package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.config.ConfiguredRun;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.ScheduleStage;
import io.github.neuralstyle4j.config.SnapshotSpec;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Luminance;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver: coarse-to-fine stages, snapshots, and a checkpoint that a later run resumes from exactly. */
class ScheduledRunTest {

    private static Backbone backbone;
    private static StyleTransferConfig defaults;

    @BeforeAll
    static void open() {
        defaults = ConfigLoader.load(Path.of("config/seed.json")).withThreads(1);
        backbone = Backbone.open(BackboneLocator.resolve(defaults.backbone(), m -> { }));
    }

    /** A config's run through the façade, as the command line makes it. */
    private static Result run(StyleTransferConfig c, String source, Backbone bb, EvaluationListener listener,
                              Path resume) {
        try (StyleTransfer transfer = StyleTransfer.builder().backbone(bb).threads(c.threads()).build()) {
            return ConfiguredRun.run(transfer, c, source, listener, resume);
        }
    }

    /** Remembers the first point each stage evaluates. */
    private static final class FirstPoints implements EvaluationListener {
        final List<float[]> points = new ArrayList<>();

        @Override
        public void onEvaluation(Evaluation e) {
        }

        @Override
        public void onEvaluation(Evaluation e, INDArray point, INDArray gradient) {
            if (e.number() == 1) {
                points.add(point.reshape(point.length()).toFloatVector());
            }
        }
    }

    @Test
    void anEarlierStagesSessionsAreClosedBeforeTheNextStageOpensItsOwn(@TempDir Path dir) {
        StyleTransferConfig config = defaults.toBuilder().output(dir.resolve("out.png").toString())
                .schedule(List.of(new ScheduleStage(16, 1), new ScheduleStage(24, 1))).build();
        // room for two sizes, as the façade's default: the first stage's sessions would stay open beside the
        // second's, which the memory plan does not count (after a 960×540 stage, its arenas: about 1.7 GB)
        try (RunResources resources = new RunResources(backbone, new ExecutionOptions(false, 0, 1), 2)) {
            Result r = ScheduledRun.run(io.github.neuralstyle4j.config.RequestMapper.toRequest(config, 1L << 26),
                    resources, EvaluationListener.NONE);
            assertEquals(2, r.stages().size());
            assertEquals(1, resources.openSessionSets(), "only the last stage's sessions are open");
        }
    }

    @Test
    void eachStageStartsFromThePreviousResultUpsampled(@TempDir Path dir) {
        StyleTransferConfig config = defaults.toBuilder().output(dir.resolve("out.png").toString())
                .schedule(List.of(new ScheduleStage(16, 1), new ScheduleStage(24, 1), new ScheduleStage(32, 1)))
                .build();
        FirstPoints first = new FirstPoints();
        Result r = run(config, "test", backbone, first, null);

        RgbImage content = ImageLoading.load(config.content().image());
        assertEquals(3, r.stages().size());
        int[] sizes = {16, 24, 32};
        int total = 0;
        for (int i = 0; i < 3; i++) {
            Result.StageResult s = r.stages().get(i);
            Resize.Size expected = Resize.outputSize(content.width(), content.height(), sizes[i]);
            assertEquals(sizes[i], s.size());
            assertEquals(expected.width(), s.width());
            assertEquals(expected.height(), s.height());
            total += s.evaluations();
        }
        assertEquals(total, r.losses().size());
        assertEquals(32, r.height());
        // stage 1 starts from the content; stages 2 and 3 from the previous result, resized with Pillow's filter
        assertArrayEquals(Resize.to(content, r.stages().get(0).width(), r.stages().get(0).height()).planar(),
                first.points.get(0));
        for (int i = 1; i < 3; i++) {
            Result.StageResult before = r.stages().get(i - 1);
            Result.StageResult stage = r.stages().get(i);
            float[] upsampled = Resize.to(before.image(), stage.width(), stage.height()).planar();
            assertArrayEquals(upsampled, first.points.get(i), "stage " + (i + 1));
        }
    }

    @Test
    void resumingFromACheckpointGivesTheUninterruptedRun(@TempDir Path dir) {
        // the seed's loop makes whole L-BFGS steps of 20 evaluations while at most `steps` were made:
        // steps 25 is two steps (40 evaluations); steps 5 is the first of them
        StyleTransferConfig base = defaults.withSize(24).toBuilder().output(dir.resolve("a/out.png").toString())
                .build();
        Result once = run(base.withSteps(25), "test", backbone, EvaluationListener.NONE,
                null);
        assertEquals(40, once.losses().size());

        StyleTransferConfig split = base.toBuilder().output(dir.resolve("b/out.png").toString())
                .snapshots(new SnapshotSpec(10, "snap_%03d.png", "run.ckpt")).build();
        Result first = run(split.withSteps(5), "test", backbone, EvaluationListener.NONE,
                null);
        assertEquals(20, first.losses().size());
        Path checkpoint = dir.resolve("b/run.ckpt");
        assertTrue(Files.isRegularFile(checkpoint));
        assertTrue(Files.isRegularFile(dir.resolve("b/snap_010.png")));
        assertTrue(Files.isRegularFile(dir.resolve("b/snap_020.png")));
        assertFalse(Files.exists(dir.resolve("b/snap_030.png")));

        Result resumed = run(split.withSteps(25), "test", backbone,
                EvaluationListener.NONE, checkpoint);
        assertEquals(20, resumed.losses().size());
        // snapshot numbers continue over the resumed run
        assertTrue(Files.isRegularFile(dir.resolve("b/snap_030.png")));
        assertTrue(Files.isRegularFile(dir.resolve("b/snap_040.png")));
        // Exact equality: the checkpoint holds the float32 point and every float32/double of torch's L-BFGS state
        // bit for bit, and the second half repeats the same operations on the same values with the same thread
        // count (one), so nothing can round differently
        for (int i = 0; i < 20; i++) {
            assertEquals(once.losses().get(20 + i).total(), resumed.losses().get(i).total(), 0.0, "evaluation " + i);
        }
        assertArrayEquals(once.lastStepImage().planar(), resumed.lastStepImage().planar());
    }

    @Test
    void luminanceSnapshotsCarryTheContentsColours(@TempDir Path dir) {
        StyleTransferConfig c = defaults.withSize(24).withSteps(5).toBuilder()
                .preserveColors(io.github.neuralstyle4j.config.PreserveColors.LUMINANCE)
                .output(dir.resolve("out.png").toString())
                .snapshots(new SnapshotSpec(10, "snap_%03d.png", null)).build();
        run(c, "test", backbone, EvaluationListener.NONE, null);
        RgbImage snapshot = ImageLoading.load(dir.resolve("snap_010.png").toString());
        RgbImage content = Resize.shorterSideTo(ImageLoading.load(c.content().image()), 24);
        // the snapshot must be the written image: the content's chroma (YIQ's I and Q) with the result's Y. 8-bit
        // storage moves I and Q by ~0.003 and clamping to [0,1] a little more on a few pixels; the optimised point
        // itself is nearly grey, whose chroma is off by the landscape's mean |I| + |Q| (~0.1)
        double error = 0;
        for (int y = 0; y < snapshot.height(); y++) {
            for (int x = 0; x < snapshot.width(); x++) {
                double[] a = Luminance.yiq(snapshot.get(0, x, y), snapshot.get(1, x, y), snapshot.get(2, x, y));
                double[] b = Luminance.yiq(content.get(0, x, y), content.get(1, x, y), content.get(2, x, y));
                error += Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
            }
        }
        error /= snapshot.width() * snapshot.height();
        assertTrue(error < 0.02, "mean chroma error " + error);
    }
}
