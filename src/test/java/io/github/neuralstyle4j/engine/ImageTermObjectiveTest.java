package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.ImageTerm;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.losses.ContentLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The objective's hook for an extra term on the image ({@link ImageTerm}, video's temporal loss): its value joins
 * the loss as {@link Evaluation#image()} and its gradient joins dL/dx, checked by directional finite differences of
 * the whole objective (content loss on the smooth network of {@link StyleTransferObjectiveTest} plus a masked
 * quadratic pull towards a fixed image, as the temporal loss is).
 */
class ImageTermObjectiveTest {

    @Test
    void imageTermJoinsTheLossAndItsGradient() {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        int h = 12;
        int w = 10;
        int n = 3 * h * w;
        Random random = new Random(11);
        float[] target = new float[n];
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            target[i] = random.nextFloat();
            mask[i] = random.nextInt(3) == 0 ? 0 : 1;
        }
        double lambda = 40;
        ImageTerm pull = (image, gradient, width, height) -> {
            assertEquals(w, width);
            assertEquals(h, height);
            double sum = 0;
            for (int i = 0; i < image.length; i++) {
                double d = image[i] - target[i];
                sum += mask[i] * d * d;
                gradient[i] += (float) (2 * lambda / n * mask[i] * d);
            }
            return lambda / n * sum;
        };
        try (TapSessions sessions = TapSessions.open(runtime, graph, List.of("c2"), h, w)) {
            StyleTransferObjective.Term content;
            try (var ignored = sessions.forward(StyleTransferObjectiveTest.randomImage(random, n))) {
                content = new StyleTransferObjective.Term("c2", new ContentLoss(sessions.features("c2")), 1);
            }
            var plain = new StyleTransferObjective(sessions, List.of(), List.of(content), EvaluationListener.NONE);
            var withTerm = new StyleTransferObjective(sessions, List.of(), List.of(content), 0, pull,
                    EvaluationListener.NONE);
            INDArray x = StyleTransferObjectiveTest.randomImage(random, n);
            INDArray g = Nd4j.create(DataType.FLOAT, n);
            double total = withTerm.valueAndGradient(x, g);
            double without = plain.valueAndGradient(x, Nd4j.create(DataType.FLOAT, n));
            Evaluation e = withTerm.bestEvaluation();
            // the term's value is reported on its own and is the whole difference between the two objectives
            assertEquals(total - without, e.image(), 1e-9 * Math.abs(total));
            assertEquals(e.content(), without, 1e-9 * Math.abs(without));

            INDArray v = Nd4j.create(DataType.FLOAT, n);
            for (int i = 0; i < n; i++) {
                v.putScalar(i, random.nextGaussian());
            }
            // content MSE and the pull are quadratic in x: the central difference is exact up to float32 rounding
            // of the loss (~1e-7 relative) over 2·eps, ~1e-4 relative of the slope at eps = 1e-3
            double eps = 1e-3;
            double fPlus = withTerm.valueAndGradient(x.add(v.mul(eps)), Nd4j.create(DataType.FLOAT, n));
            double fMinus = withTerm.valueAndGradient(x.sub(v.mul(eps)), Nd4j.create(DataType.FLOAT, n));
            double numeric = (fPlus - fMinus) / (2 * eps);
            double analytic = g.castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            // 1e-3: ten times that estimate; a term whose gradient were lost or doubled is off by order 1
            assertEquals(analytic, numeric, 1e-3 * Math.abs(analytic));
            assertEquals(withTerm.score(x).image(), e.image(), 1e-9 * e.image());
            plain.close();
            withTerm.close();
        }
    }

    @Test
    void aTermForAnotherSizeStopsTheEvaluation() {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        ImageTerm refuses = (image, gradient, width, height) -> {
            throw new IllegalArgumentException("made for 4×4 frames, the run works at " + width + "×" + height);
        };
        try (TapSessions sessions = TapSessions.open(runtime, graph, List.of("c2"), 8, 6);
             var objective = new StyleTransferObjective(sessions, List.of(), List.of(), 0, refuses,
                     EvaluationListener.NONE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> objective.valueAndGradient(Nd4j.create(DataType.FLOAT, 3 * 8 * 6),
                            Nd4j.create(DataType.FLOAT, 3 * 8 * 6)));
            assertEquals("made for 4×4 frames, the run works at 6×8", e.getMessage());
        }
    }
}
