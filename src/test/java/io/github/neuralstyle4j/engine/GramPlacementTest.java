package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import io.github.neuralstyle4j.gradient.GradientGraphBuilder;
import io.github.neuralstyle4j.losses.ContentLoss;
import io.github.neuralstyle4j.losses.GramMatrix;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Gram matrices computed in the graphs ({@link GramPlacement#GRAPH}: Gram heads in the forward graph, their
 * backward and the recomputed forward tensors in the gradient graph) against the host path ({@link
 * GramPlacement#HOST}: ND4J's Gram and {@code StyleLoss}, the tested reference), and against finite differences.
 * The two paths do the same arithmetic in float32 in different orders (ORT's GEMM and ND4J's BLAS sum the H·W
 * products in different blocks), so they agree to rounding, not bit for bit.
 */
class GramPlacementTest {

    private static final OrtRuntime CPU = new OrtRuntime(new ExecutionOptions(false, 0, 1));

    /** Smooth network of {@link StyleTransferObjectiveTest}: style on c1, c2, c3 and content on c2 (a shared tap). */
    private static final List<String> STYLE = List.of("c1", "c2", "c3");
    private static final String CONTENT = "c2";
    private static final int H = 20;
    private static final int W = 16;

    @Test
    void gramsInTheGraphEqualNd4jGrams() {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        Random random = new Random(11);
        INDArray x = randomImage(random, 3 * H * W);
        try (TapSessions host = GramPlacement.HOST.open(CPU, graph, List.of(CONTENT), STYLE, H, W);
             TapSessions device = GramPlacement.GRAPH.open(CPU, graph, List.of(CONTENT), STYLE, H, W);
             var ignored = host.forward(x);
             var ignored2 = device.forward(x)) {
            for (String tap : STYLE) {
                INDArray expected = GramMatrix.of(host.features(tap));
                INDArray actual = GramPlacement.GRAPH.gram(device, tap);
                assertEquals(expected.rows(), actual.rows());
                // each entry sums at most 80 float32 products (C·H·W ≤ 8·63 with one image row of 63 pixels):
                // rounding error ≲ 80 · 6e-8 relative to the largest entry; 1e-5 leaves ample room, a wrong
                // normalisation or transpose is off by order 1
                double scale = expected.amaxNumber().doubleValue();
                double worst = expected.sub(actual).amaxNumber().doubleValue();
                assertTrue(worst <= 1e-5 * scale, tap + ": max |ΔG| " + worst + " vs max |G| " + scale);
            }
            // the content tap's features still come back as they are, from the same forward nodes
            assertEquals(host.features(CONTENT), device.features(CONTENT));
        }
    }

    @Test
    void lossesAndImageGradientEqualTheHostPathOnASmoothNetwork() {
        assertSamePathResults(new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image"), STYLE,
                CONTENT, H, W, 2);
    }

    /** ReLUs and max-pools: the gradient graph recomputes the rectifier outputs and the max-pool switches. */
    @Test
    void lossesAndImageGradientEqualTheHostPathThroughReluAndMaxPool() {
        ModelProto vgg = VggBackboneGenerator.model(List.of(new int[] {4, 4}, new int[] {6, 6}, new int[] {8}), 7);
        assertSamePathResults(new FeatureGraph(vgg, "image"), List.of("conv1_1", "conv2_1", "conv3_1"), "conv2_2",
                24, 20, 3);
    }

    @Test
    void gradientInTheGraphMatchesDirectionalDifferences() {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        int n = 3 * H * W;
        Random random = new Random(4);
        try (TapSessions sessions = GramPlacement.GRAPH.open(CPU, graph, List.of(CONTENT), STYLE, H, W)) {
            StyleTransferObjective objective = objective(GramPlacement.GRAPH, sessions, STYLE, CONTENT,
                    randomImage(random, n), randomImage(random, n));
            for (int trial = 0; trial < 2; trial++) {
                INDArray x = randomImage(random, n);
                INDArray g = Nd4j.create(DataType.FLOAT, n);
                objective.valueAndGradient(x, g);
                INDArray v = Nd4j.create(DataType.FLOAT, n);
                for (int i = 0; i < n; i++) {
                    v.putScalar(i, random.nextGaussian());
                }
                // as in StyleTransferObjectiveTest: f is a quartic in x, so the central difference's O(eps²) term
                // is ~1e-4 relative at eps = 1e-3, as is float32 rounding of f over 2·eps
                double eps = 1e-3;
                double fPlus = objective.valueAndGradient(x.add(v.mul(eps)), Nd4j.create(DataType.FLOAT, n));
                double fMinus = objective.valueAndGradient(x.sub(v.mul(eps)), Nd4j.create(DataType.FLOAT, n));
                double numeric = (fPlus - fMinus) / (2 * eps);
                double analytic = g.castTo(DataType.DOUBLE).mul(v.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                // 1e-3: ten times the estimate; a wrong factor (the 2 of dG + dGᵀ, 1/N), sign or tap is order 1
                assertEquals(analytic, numeric, 1e-3 * Math.abs(analytic), "trial " + trial);
                assertTrue(Math.abs(analytic) > 0);
            }
        }
    }

    /**
     * What crosses the bus, against sizes worked out by hand for the smooth network at 20×16: image 3·20·16 = 960
     * floats; c1 6×10×8 = 480 (3×3, stride 2, pad 1); avg-pool 2×2 → 9×7; c2 and c3 8×9×7 = 504 each. No rule of
     * this network reads a forward tensor, so nothing is saved.
     */
    @Test
    void boundaryBytesAreTheGraphsInputsAndOutputs() {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        try (TapSessions host = GramPlacement.HOST.open(CPU, graph, List.of(CONTENT), STYLE, H, W);
             TapSessions device = GramPlacement.GRAPH.open(CPU, graph, List.of(CONTENT), STYLE, H, W)) {
            // forward: x in, c1 c2 c3 out; backward: dL/dc1..c3 in, dL/dx out
            assertEquals(4L * (960 + 1488 + 1488 + 960), host.graphs().boundaryBytes());
            // forward: x in, c2 and the Grams (6², 8², 8²) out; backward: x, dL/dc2 and dL/dG in, dL/dx out
            long outputs = 504 + 36 + 64 + 64;
            assertEquals(4L * (960 + outputs + 960 + outputs + 960), device.graphs().boundaryBytes());
        }
    }

    /**
     * The README's table: config/seed.json's taps (content conv_4 = conv2_2; style conv_1..conv_5 = conv1_1,
     * conv1_2, conv2_1, conv2_2, conv3_1) on VGG19 at 512×512, in MiB worked out by hand. Image 3·512² floats = 3;
     * taps 64·512² floats = 64 (conv1_x), 128·256² = 32 (conv2_x), 256·128² = 16 (conv3_1), 208 in all; the backward
     * rules read relu1_1, relu1_2 (64 each), relu2_1, relu2_2 (32 each) and the max-pool switches as int64,
     * 64·256²·8 B = 32 and 128·128²·8 B = 16: 240 in all.
     */
    @Test
    void boundaryBytesOfTheDefaultConfigAt512() {
        FeatureGraph vgg19 = new FeatureGraph(VggBackboneGenerator.model(VggBackboneGenerator.VGG19_STAGES,
                VggBackboneGenerator.DEFAULT_SEED), "image");
        List<String> style = List.of("conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1");
        List<String> content = List.of("conv2_2");
        long mib = 1 << 20;
        // x in and dL/dx out; features out and their gradients in; the saved max-pool switches out (int64: 32 + 16
        // MiB), and back in with the tapped convolutions the ReLU masks are rebuilt from (64 + 64 + 32 + 32 MiB)
        assertEquals((2 * 3 + 2 * 208 + 48 + (48 + 192)) * mib,
                GradientGraphBuilder.build(vgg19, List.of("conv2_2", "conv1_1", "conv1_2", "conv2_1", "conv3_1"),
                        512, 512).boundaryBytes());
        // x into both graphs and dL/dx out; conv2_2 out and its gradient in; each Gram out and its gradient in
        long grams = 2L * 64 * 64 + 2L * 128 * 128 + 256L * 256;
        assertEquals((3 * 3 + 2 * 32) * mib + 2 * grams * Float.BYTES,
                GradientGraphBuilder.buildWithGrams(vgg19, content, style, 512, 512).boundaryBytes());
    }

    private static void assertSamePathResults(FeatureGraph graph, List<String> style, String content, int h, int w,
                                              int points) {
        int n = 3 * h * w;
        Random random = new Random(23);
        INDArray styleImage = randomImage(random, n);
        INDArray contentImage = randomImage(random, n);
        try (TapSessions host = GramPlacement.HOST.open(CPU, graph, List.of(content), style, h, w);
             TapSessions device = GramPlacement.GRAPH.open(CPU, graph, List.of(content), style, h, w)) {
            StyleTransferObjective onHost = objective(GramPlacement.HOST, host, style, content, styleImage,
                    contentImage);
            StyleTransferObjective inGraph = objective(GramPlacement.GRAPH, device, style, content, styleImage,
                    contentImage);
            for (int i = 0; i < points; i++) {
                INDArray x = randomImage(random, n);
                INDArray gHost = Nd4j.create(DataType.FLOAT, n);
                INDArray gGraph = Nd4j.create(DataType.FLOAT, n);
                double fHost = onHost.valueAndGradient(x, gHost);
                double fGraph = inGraph.valueAndGradient(x, gGraph);
                // the losses are means of squared Gram differences at points far from the targets, so the Grams'
                // float32 rounding (~1e-6 relative, see above) passes through with a factor of about 2
                assertEquals(fHost, fGraph, 1e-5 * Math.abs(fHost), "loss at point " + i);
                // dL/dx: the same backward rules fed dL/dF's that differ by rounding; 1e-4 relative L2 is ten times
                // the float32 spread of a GEMM over ≤ 2·10³ terms, a missing term or factor is order 1
                double relL2 = gHost.sub(gGraph).norm2Number().doubleValue() / gHost.norm2Number().doubleValue();
                assertTrue(relL2 <= 1e-4, "gradient rel L2 " + relL2 + " at point " + i);
                assertTrue(gHost.norm2Number().doubleValue() > 0);
            }
        }
    }

    /** Style targets computed by the placement itself, as a run computes them. */
    private static StyleTransferObjective objective(GramPlacement placement, TapSessions sessions, List<String> style,
                                                    String content, INDArray styleImage, INDArray contentImage) {
        List<StyleTransferObjective.Term> styleTerms = new ArrayList<>();
        try (var ignored = sessions.forward(styleImage)) {
            for (String tap : style) {
                INDArray target = placement.gram(sessions, tap);
                styleTerms.add(new StyleTransferObjective.Term(placement.styleOutput(tap),
                        placement.styleLoss(target), 1e4));
                target.close();
            }
        }
        StyleTransferObjective.Term contentTerm;
        try (var ignored = sessions.forward(contentImage)) {
            contentTerm = new StyleTransferObjective.Term(content, new ContentLoss(sessions.features(content)), 1);
        }
        return new StyleTransferObjective(sessions, styleTerms, List.of(contentTerm), EvaluationListener.NONE);
    }

    private static INDArray randomImage(Random random, int n) {
        INDArray x = Nd4j.create(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, random.nextDouble());
        }
        return x;
    }
}
