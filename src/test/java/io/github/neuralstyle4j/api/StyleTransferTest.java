package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.StopRequest;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The façade through its public API only: images in and out, reuse, listener, stop and results. */
class StyleTransferTest {

    @TempDir
    static Path dir;
    private static Backbone backbone;
    private static StyleTransfer transfer;

    @BeforeAll
    static void open() {
        backbone = TinyBackbone.open(dir);
        transfer = StyleTransfer.builder().backbone(backbone).threads(1).build();
    }

    @AfterAll
    static void close() {
        transfer.close();
    }

    @Test
    void aRequestRunsWithOnlyItsOwnSizesSessionsOpen() {
        // two sizes may stay cached, but the memory plan counts a request's own sizes only: the previous request's
        // other size is closed first (it stayed open beside the new one's before)
        try (StyleTransfer t = StyleTransfer.builder().backbone(backbone).threads(1).cachedSizes(2).build()) {
            t.run(TinyBackbone.request().size(32).evaluations(1).build());
            assertEquals(1, t.openSessionSets());
            t.run(TinyBackbone.request().size(40).evaluations(1).build());
            assertEquals(1, t.openSessionSets(), "the 32 px sessions were closed before the 40 px run");
            t.run(TinyBackbone.request().size(40).evaluations(1).build());
            assertEquals(1, t.openSessionSets(), "the same size reuses its sessions");
        }
    }

    @Test
    void aLineSearchRunMakesMoreEvaluationsThanStepsButNoMoreThanExpected() {
        OptimizerSpec.Lbfgs wolfe = new OptimizerSpec.Lbfgs(1, 5, 7, 1e-7, 1e-9, 100,
                OptimizerSpec.Lbfgs.LineSearch.STRONG_WOLFE);
        // a step starts while at most 8 evaluations were made and makes up to max_eval 7: at most 15 (the plan's
        // figure; the old one, (8/5 + 1)·5 = 10, is exact only without a line search: 4K tiles made 13 and 14)
        assertEquals(15, wolfe.evaluationsFor(8));
        Result r = transfer.run(TinyBackbone.request().optimizer(wolfe).evaluations(8).build());
        assertTrue(r.evaluations() > 8 && r.evaluations() <= 15, r.evaluations() + " evaluations");
    }

    @Test
    void bufferedImagesInAndOut() {
        BufferedImage content = TinyBackbone.content().toBufferedImage();   // 512×384
        BufferedImage style = TinyBackbone.style().toBufferedImage();
        Result r = transfer.run(TinyBackbone.request().content(content).styles(List.of())
                .style(style, 1).build());
        BufferedImage out = r.bufferedImage();
        // the content's aspect ratio at a shorter side of 32: int(32·512/384) = 42
        assertEquals(42, out.getWidth());
        assertEquals(32, out.getHeight());
        assertEquals(r.image().width(), out.getWidth());
        // L-BFGS steps of 5 evaluations while at most 5 were made: two steps
        assertEquals(10, r.evaluations());
        assertEquals(new OptimizerSpec.Lbfgs(1, 5, 7, 1e-7, 1e-9, 100, OptimizerSpec.Lbfgs.LineSearch.NONE)
                .evaluationsFor(5), r.evaluations());
        assertTrue(r.completed());
        // the run optimised: the returned image's loss is below the content image's (the first evaluation)
        assertTrue(r.evaluation().total() < r.losses().get(0).total(), r.losses().toString());
    }

    @Test
    void aStopRuleEndsTheRunWithTheBestEvaluatedImage() {
        // an exact budget of 3, inside the first L-BFGS step of 5 evaluations where the seed's loop cannot stop
        Result r = transfer.run(TinyBackbone.request()
                .convergence(new Convergence(new io.github.neuralstyle4j.config.StopRule(3, 0, 20), true, false))
                .build());
        assertEquals(3, r.evaluations());
        assertEquals(Result.StoppedBy.STOP_RULE, r.stoppedBy());
        assertTrue(r.completed());
        assertTrue(r.stopMessage().contains("3 evaluations"), r.stopMessage());
        double best = r.losses().stream().mapToDouble(Evaluation::total).min().orElseThrow();
        assertEquals(best, r.evaluation().total(), 0);
        // normalising gradients needs the feature gradients on the host
        assertThrows(IllegalArgumentException.class, () -> TinyBackbone.request().gramInGraph(true)
                .convergence(new Convergence(io.github.neuralstyle4j.config.StopRule.NONE, false, true)).build());
    }

    @Test
    void oneInstanceServesManyRunsAndSizesWithTheSameResults() {
        Request at32 = TinyBackbone.request().build();
        Result first = transfer.run(at32);
        Result other = transfer.run(TinyBackbone.request().size(24).build());
        Result again = transfer.run(at32);
        assertEquals(24, other.height());
        // exact: the same operations on the same values with one thread; sessions kept from the first run must not
        // carry anything (features, gradients) into the next
        assertArrayEquals(first.image().planar(), again.image().planar());
        assertEquals(first.losses(), again.losses());
    }

    @Test
    void theListenerSeesEveryEvaluationStageAndSnapshot() {
        List<Evaluation> seen = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        List<Integer> snapshots = new ArrayList<>();
        Result r = transfer.run(TinyBackbone.request()
                .schedule(List.of(new Request.Stage(16, 3), new Request.Stage(24, 3)))
                .snapshotEvery(4)
                .listener(new RunListener() {
                    @Override
                    public void onEvaluation(Evaluation e) {
                        seen.add(e);
                    }

                    @Override
                    public void onStage(int stage, int width, int height) {
                        stages.add(stage + ":" + width + "x" + height);
                    }

                    @Override
                    public void onSnapshot(int evaluation, RgbImage image) {
                        snapshots.add(evaluation);
                    }
                }).build());
        assertEquals(r.losses(), seen);
        assertEquals(List.of("0:21x16", "1:32x24"), stages);
        assertEquals(2, r.stages().size());
        // numbered over both stages of 5 evaluations each
        assertEquals(List.of(4, 8), snapshots);
    }

    @Test
    void aStopRequestEndsTheRunWithItsBestImage() {
        StopRequest stop = new StopRequest();
        Result r = transfer.run(TinyBackbone.request().evaluations(100).stop(stop)
                .listener(e -> {
                    if (e.number() == 3) {
                        stop.request("enough");
                    }
                }).build());
        assertEquals(Result.StoppedBy.REQUEST, r.stoppedBy());
        assertFalse(r.completed());
        assertTrue(r.stopMessage().contains("enough"), r.stopMessage());
        assertEquals(3, r.evaluations());
        double best = r.losses().stream().mapToDouble(Evaluation::total).min().orElseThrow();
        assertEquals(best, r.evaluation().total());
        assertNull(r.resumeState());
    }

    @Test
    void resultsAreValues() {
        Result r = transfer.run(TinyBackbone.request().keepResumeState(true).build());
        assertThrows(UnsupportedOperationException.class, () -> r.losses().add(r.evaluation()));
        assertThrows(UnsupportedOperationException.class, () -> r.stages().clear());
        assertNotNull(r.resumeState());
        assertEquals("lbfgs", r.resumeState().state().algorithm());
        // resuming with a larger budget continues the count
        Result more = transfer.run(TinyBackbone.request().evaluations(10).resumeFrom(r.resumeState()).build());
        assertEquals(5, more.evaluations());
    }

    @Test
    void requestsAreValidatedWithTheValidChoices() {
        assertMessage("content image (or spatial(SpatialControl.texture(width, height)) for a texture) is required",
                () -> Request.builder().build());
        assertMessage("at least one style image", () -> TinyBackbone.request().styles(List.of()).build());
        assertMessage("size must be between 16 and 16384, got 8", () -> TinyBackbone.request().size(8).build());
        assertMessage("content layers must name at least one layer",
                () -> TinyBackbone.request().contentLayers(Map.of()).build());
        assertMessage("Adam beta1 must be in [0, 1), got 1.0", () -> new OptimizerSpec.Adam(0.1, 1, 0.9, 1e-8));
        assertMessage("optimizer (Lbfgs.seed(), Adam.defaults() or Ncg.defaults()) is required",
                () -> TinyBackbone.request().optimizer(null).build());
        assertMessage("unknown content layer 'conv9_9'; backbone tiny-vgg has: ",
                () -> transfer.run(TinyBackbone.request().contentLayers(Map.of("conv9_9", 1.0)).build()));
        Result r = transfer.run(TinyBackbone.request().keepResumeState(true).build());
        assertMessage("holds lbfgs state, but the request's optimizer is adam", () -> TinyBackbone.request()
                .optimizer(OptimizerSpec.Adam.defaults()).resumeFrom(r.resumeState()).build());
    }

    @Test
    void aRunThatCannotFitIsRefusedBeforeAnythingIsAllocated() {
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> transfer.run(TinyBackbone.request().memoryLimit(1 << 20).build()));
        assertEquals(42, e.width());
        assertTrue(e.limitRequested());
        assertTrue(e.getMessage().contains("1 MB limit"), e.getMessage());
    }

    @Test
    void aBackboneThatCannotBeOpenedIsAClearError() {
        assertThrows(BackboneException.class,
                () -> StyleTransfer.builder().backbone(dir.resolve("missing")).build());
        assertMessage("a backbone is required", () -> StyleTransfer.builder().build());
    }

    @Test
    void aClosedInstanceRefusesToRun() {
        StyleTransfer t = StyleTransfer.builder().backbone(backbone).threads(1).build();
        t.close();
        t.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> t.run(TinyBackbone.request().build()));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        Exception e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
