package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import io.github.neuralstyle4j.losses.ContentLoss;
import io.github.neuralstyle4j.losses.GramMatrix;
import io.github.neuralstyle4j.losses.StyleLoss;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole objective (forward graph, ND4J style and content losses, gradient graph) against directional finite
 * differences of its own value at random points. The network here is smooth (convolutions and average pooling, no
 * ReLU or max): the per-operator tests cover the kinks, and this test covers the plumbing (which tap receives which
 * loss gradient, sums where a style and a content loss share a tap, the weights), where a kink-free objective lets
 * the difference quotient be tight.
 */
class StyleTransferObjectiveTest {

    @Test
    void gradientOfStyleAndContentLossMatchesDirectionalDifferences() {
        FeatureGraph graph = new FeatureGraph(smoothNetwork(), "image");
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        int h = 20;
        int w = 16;
        int n = 3 * h * w;
        Random random = new Random(4);
        List<String> taps = List.of("c1", "c2", "c3");
        try (TapSessions sessions = TapSessions.open(runtime, graph, taps, h, w)) {
            INDArray style = randomImage(random, n);
            INDArray content = randomImage(random, n);
            List<StyleTransferObjective.Term> styleTerms = new java.util.ArrayList<>();
            try (var ignored = sessions.forward(style)) {
                for (String t : taps) {
                    styleTerms.add(new StyleTransferObjective.Term(t, new StyleLoss(GramMatrix.of(sessions.features(t))), 1e6));
                }
            }
            StyleTransferObjective.Term contentTerm;
            try (var ignored = sessions.forward(content)) {
                contentTerm = new StyleTransferObjective.Term("c2", new ContentLoss(sessions.features("c2")), 1);
            }
            var objective = new StyleTransferObjective(sessions, styleTerms, List.of(contentTerm), EvaluationListener.NONE);

            for (int trial = 0; trial < 3; trial++) {
                INDArray x = randomImage(random, n);
                INDArray g = Nd4j.create(DataType.FLOAT, n);
                objective.valueAndGradient(x, g);
                INDArray v = Nd4j.create(DataType.FLOAT, n);
                for (int i = 0; i < n; i++) {
                    v.putScalar(i, random.nextGaussian());
                }
                // f is a quartic in x (Gram of linear features, squared): the central difference carries an
                // O(eps²) term, measured at ~1e-2 relative for eps = 1e-2 and shrinking as eps²; at 1e-3 it is ~1e-4,
                // and float32 rounding of f over 2·eps is of the same order
                double eps = 1e-3;
                INDArray plus = x.add(v.mul(eps));
                INDArray minus = x.sub(v.mul(eps));
                double fPlus = objective.valueAndGradient(plus, Nd4j.create(DataType.FLOAT, n));
                double fMinus = objective.valueAndGradient(minus, Nd4j.create(DataType.FLOAT, n));
                double numeric = (fPlus - fMinus) / (2 * eps);
                double analytic = g.castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                // 1e-3: ten times the rounding estimate; a wrong factor, sign or tap is off by order 1
                assertEquals(analytic, numeric, 1e-3 * Math.abs(analytic), "trial " + trial);
                assertTrue(Math.abs(analytic) > 0);
            }
            assertEquals(9, objective.evaluations());
        }
    }

    @Test
    void totalVariationJoinsTheValueAndTheGradient() {
        FeatureGraph graph = new FeatureGraph(smoothNetwork(), "image");
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        int h = 9;
        int w = 7;
        int n = 3 * h * w;
        Random random = new Random(8);
        double tvWeight = 0.5;
        try (TapSessions sessions = TapSessions.open(runtime, graph, List.of("c2"), h, w)) {
            StyleTransferObjective.Term contentTerm;
            try (var ignored = sessions.forward(randomImage(random, n))) {
                contentTerm = new StyleTransferObjective.Term("c2", new ContentLoss(sessions.features("c2")), 1);
            }
            var withTv = new StyleTransferObjective(sessions, List.of(), List.of(contentTerm), tvWeight,
                    EvaluationListener.NONE);
            var without = new StyleTransferObjective(sessions, List.of(), List.of(contentTerm),
                    EvaluationListener.NONE);
            INDArray x = randomImage(random, n);
            INDArray g = Nd4j.create(DataType.FLOAT, n);
            INDArray g0 = Nd4j.create(DataType.FLOAT, n);
            double f = withTv.valueAndGradient(x, g);
            double f0 = without.valueAndGradient(x, g0);

            // the TV term written out: Σ squared neighbour differences over the 3·h·w values
            double tv = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double v = x.getDouble((c * h + i) * w + j);
                        if (j + 1 < w) {
                            tv += Math.pow(x.getDouble((c * h + i) * w + j + 1) - v, 2);
                        }
                        if (i + 1 < h) {
                            tv += Math.pow(x.getDouble((c * h + i + 1) * w + j) - v, 2);
                        }
                    }
                }
            }
            double expectedTv = tvWeight * tv / n;
            // float32 differences summed in double: ~1e-7 relative
            assertEquals(expectedTv, withTv.bestEvaluation().tv(), 1e-6 * expectedTv);
            assertEquals(f0 + expectedTv, f, 1e-6 * f);
            assertEquals(withTv.bestEvaluation().total(), f, 1e-12 * f);

            // the TV part of the gradient (with minus without) against central differences of the TV alone: TV
            // is quadratic, so only float32 rounding remains (~1e-7 / 1e-2 step)
            INDArray v = Nd4j.create(DataType.FLOAT, n);
            for (int i = 0; i < n; i++) {
                v.putScalar(i, random.nextGaussian());
            }
            double eps = 1e-2;
            double tvPlus = withTv.valueAndGradient(x.add(v.mul(eps)), Nd4j.create(DataType.FLOAT, n))
                    - without.valueAndGradient(x.add(v.mul(eps)), Nd4j.create(DataType.FLOAT, n));
            double tvMinus = withTv.valueAndGradient(x.sub(v.mul(eps)), Nd4j.create(DataType.FLOAT, n))
                    - without.valueAndGradient(x.sub(v.mul(eps)), Nd4j.create(DataType.FLOAT, n));
            double numeric = (tvPlus - tvMinus) / (2 * eps);
            double analytic = g.sub(g0).castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber()
                    .doubleValue();
            // the content parts cancel only to float32 rounding of f (~1e-7 · f / 2e-2): 1e-3 of the TV slope
            assertEquals(analytic, numeric, 1e-3 * Math.abs(analytic) + 1e-5 * Math.abs(f));
        }
    }

    /** image → normalise → conv 3→6 (stride 2) → c1; avgpool → conv 6→8 → c2; conv 8→8 dilated → c3. */
    static ModelProto smoothNetwork() {
        Random r = new Random(17);
        GraphProto.Builder g = GraphProto.newBuilder().setName("smooth");
        g.addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "h", "w"));
        g.addInitializer(OnnxProtos.floatTensor("mean", new long[] {1, 3, 1, 1}, new float[] {0.485f, 0.456f, 0.406f}));
        g.addInitializer(OnnxProtos.floatTensor("std", new long[] {1, 3, 1, 1}, new float[] {0.229f, 0.224f, 0.225f}));
        g.addNode(OnnxProtos.node("Sub", "sub", List.of("image", "mean"), List.of("a")));
        g.addNode(OnnxProtos.node("Div", "div", List.of("a", "std"), List.of("x")));
        g.addInitializer(OnnxProtos.floatTensor("w1", new long[] {6, 3, 3, 3}, gaussians(r, 6 * 27, 0.3)));
        g.addNode(OnnxProtos.node("Conv", "conv1", List.of("x", "w1"), List.of("c1"),
                OnnxProtos.ints("pads", 1, 1, 1, 1), OnnxProtos.ints("strides", 2, 2)));
        g.addNode(OnnxProtos.node("AveragePool", "pool", List.of("c1"), List.of("p1"),
                OnnxProtos.ints("kernel_shape", 2, 2), OnnxProtos.ints("strides", 1, 1)));
        g.addInitializer(OnnxProtos.floatTensor("w2", new long[] {8, 6, 3, 3}, gaussians(r, 8 * 54, 0.2)));
        g.addNode(OnnxProtos.node("Conv", "conv2", List.of("p1", "w2"), List.of("c2"), OnnxProtos.ints("pads", 1, 1, 1, 1)));
        g.addInitializer(OnnxProtos.floatTensor("w3", new long[] {8, 8, 3, 3}, gaussians(r, 8 * 72, 0.2)));
        g.addNode(OnnxProtos.node("Conv", "conv3", List.of("c2", "w3"), List.of("c3"),
                OnnxProtos.ints("pads", 2, 2, 2, 2), OnnxProtos.ints("dilations", 2, 2)));
        g.addOutput(OnnxProtos.floatValueInfo("c3", new long[] {1, 8, -1, -1}, "oh", "ow"));
        return ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(OnnxProtos.OPSET)).setGraph(g).build();
    }

    private static float[] gaussians(Random r, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * std);
        }
        return v;
    }

    static INDArray randomImage(Random random, int n) {
        INDArray x = Nd4j.create(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, random.nextDouble());
        }
        return x;
    }
}
