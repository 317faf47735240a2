package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules for the layers of exported backbones beyond VGG's (batch norm, concatenation, clipping, padding,
 * reshaping, global pooling, dropout), one at a time against finite differences as in {@link OperatorGradientTest}:
 * image → 1×1 conv to 4 channels h → the layer → tapped "out", at the odd size 11×9.
 */
class LayerGradientTest {

    private static final int H = 11;
    private static final int W = 9;

    /** A layer under test: given the builder and the stem's output h, adds nodes and returns the tapped tensor. */
    interface Layer {
        String build(NetBuilder n, String h);
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                layer("BatchNormalization, epsilon 1e-3", (n, h) -> n.batchNorm(h, 4, 1)),
                layer("BatchNormalization, default epsilon on variances near it",
                        (n, h) -> batchNorm(n, h, new float[] {1e-5f, 2e-5f, 3e-5f, 1e-4f})),
                layer("BatchNormalization, epsilon 0.5", (n, h) -> batchNorm(n, h, new float[] {0.1f, 0.4f, 1f, 2f},
                        NetBuilder.floatAttr("epsilon", 0.5f))),
                layer("Add and Mul with constants broadcast from [1,4,1,1]", (n, h) -> n.node("Mul", List.of(
                        n.node("Add", List.of(h, n.constant("c", new long[] {1, 4, 1, 1}, n.gaussians(4, 1)))),
                        n.constant("k", new long[] {1, 4, 1, 1}, n.gaussians(4, 1))))),
                layer("Concat of two branches along channels, one through a conv", (n, h) -> n.node("Concat",
                        List.of(n.conv(h, 4, 3, 3, 1, 1, 1), n.relu(h), h), OnnxProtos.integer("axis", 1))),
                layer("Concat with a constant input, axis -3", (n, h) -> n.node("Concat",
                        List.of(n.constant("c", new long[] {1, 2, H, W}, n.gaussians(2 * H * W, 1)), h),
                        OnnxProtos.integer("axis", -3))),
                layer("Concat along the width", (n, h) -> n.node("Concat", List.of(h, n.relu(h)),
                        OnnxProtos.integer("axis", 3))),
                layer("Clip with max only (min input absent)", (n, h) -> n.node("Clip",
                        List.of(h, "", n.constant("max", new long[0], new float[] {0.3f})))),
                layer("Clip, opset 10 attribute form", 10, (n, h) -> n.node("Clip", List.of(h),
                        NetBuilder.floatAttr("min", -0.5f), NetBuilder.floatAttr("max", 0.7f))),
                layer("Pad constant, asymmetric, one pad cropping", (n, h) -> n.node("Pad",
                        List.of(h, n.longs("pads", 0, 0, 1, 2, 0, 0, 3, -1),
                                n.constant("value", new long[0], new float[] {0.5f})))),
                layer("Pad constant on channels too, opset 10 attribute form", 10, (n, h) -> n.node("Pad", List.of(h),
                        OnnxProtos.ints("pads", 0, 1, 0, 2, 0, 0, 1, 0))),
                layer("Pad reflect", (n, h) -> n.node("Pad", List.of(h, n.longs("pads", 0, 0, 2, 1, 0, 0, 1, 3)),
                        OnnxProtos.string("mode", "reflect"))),
                layer("Pad reflect, opset 18 axes input", 18, (n, h) -> n.node("Pad",
                        List.of(h, n.longs("pads", 3, 2, 1, 4), "", n.longs("axes", -1, 2)),
                        OnnxProtos.string("mode", "reflect"))),
                layer("Pad edge, channels too", (n, h) -> n.node("Pad", List.of(h, n.longs("pads", 0, 1, 2, 0, 0, 2, 1, 3)),
                        OnnxProtos.string("mode", "edge"))),
                layer("Flatten then Reshape [0, 2, -1, 9]", (n, h) -> n.relu(n.node("Reshape",
                        List.of(n.node("Flatten", List.of(h)), n.longs("shape", 0, 2, -1, W))))),
                layer("Reshape [0, 0, -1], Flatten axis -1, Reshape [1, 4, 9, 11]", (n, h) -> n.relu(n.node("Reshape",
                        List.of(n.node("Flatten", List.of(n.node("Reshape", List.of(h, n.longs("shape", 0, 0, -1)))),
                                OnnxProtos.integer("axis", -1)), n.longs("shape", 1, 4, W, H))))),
                layer("Dropout (inference) with its mask output", (n, h) -> n.relu(n.node("Dropout",
                        List.of(h, n.constant("ratio", new long[0], new float[] {0.3f})), 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void backwardRuleMatchesFiniteDifferences(String name, int opset, Layer layer) {
        NetBuilder n = new NetBuilder(name.hashCode());
        String out = layer.build(n, stem(n));
        var r = FiniteDifferenceCheck.run(n.model(out, opset), "image", List.of(out), H, W, name.hashCode(), 3e-4);
        GradientAssertions.assertMatches(r, 3 * H * W);
    }

    @Test
    void relu6GradientMatchesFiniteDifferencesOnBothSidesOfEachBound() {
        NetBuilder n = new NetBuilder(6);
        String h = stem(n);
        String out = n.relu6(n.node("Mul", List.of(h, n.constant("gain", new long[0], new float[] {8f}))));
        ModelProto model = n.model(out);
        // the test is only as good as its input: some values must be clipped at 0, some at 6, some pass
        assertClipsAtBothBounds(FiniteDifferenceCheck.features(model, "image", out, H, W, 6), 0, 6);
        var r = FiniteDifferenceCheck.run(model, "image", List.of(out), H, W, 6, 3e-4);
        GradientAssertions.assertMatches(r, 3 * H * W);
    }

    @Test
    void globalAveragePoolGradientMatchesFiniteDifferences() {
        NetBuilder n = new NetBuilder(7);
        String out = n.node("GlobalAveragePool", List.of(stem(n)));
        // each coordinate moves an average of H·W values, so its derivative is H·W times smaller than the features'
        // float32 rounding allows at eps = 3e-4 (relative error ~2e-2, falling as 1/eps). The graph is linear, so the
        // difference quotient is exact at any step: a 100x larger one
        var r = FiniteDifferenceCheck.run(n.model(out), "image", List.of(out), H, W, 7, 3e-2);
        GradientAssertions.assertMatches(r, 3 * H * W);
    }

    @Test
    void broadcastImageDependentOperandIsRefusedNamingOpAndNode() {
        NetBuilder n = new NetBuilder(1);
        String h = stem(n);
        String out = n.node("Add", List.of(h, n.node("GlobalAveragePool", List.of(h))));
        assertRefused(n.model(out), out, "Add", out, "broadcast");
    }

    @Test
    void trainingModeIsRefused() {
        NetBuilder n = new NetBuilder(2);
        String bn = batchNorm(n, stem(n), new float[] {1, 1, 1, 1}, OnnxProtos.integer("training_mode", 1));
        assertRefused(n.model(bn), bn, "BatchNormalization", bn, "training_mode");
        NetBuilder m = new NetBuilder(3);
        String h = stem(m);
        String drop = m.node("Dropout", List.of(h, m.constant("ratio", new long[0], new float[] {0.5f}),
                m.bool("training", true)));
        assertRefused(m.model(drop), drop, "Dropout", drop, "training_mode");
    }

    @Test
    void wrapPaddingIsRefusedNamingModeAndNode() {
        NetBuilder n = new NetBuilder(4);
        String out = n.node("Pad", List.of(stem(n), n.longs("pads", 0, 0, 1, 1, 0, 0, 1, 1)),
                OnnxProtos.string("mode", "wrap"));
        assertRefused(n.model(out, 19), out, "Pad", out, "'wrap'");
    }

    /** At least a tenth of the values clipped at each bound and a tenth passed through. */
    static void assertClipsAtBothBounds(float[] y, float min, float max) {
        long low = 0;
        long high = 0;
        for (float v : y) {
            low += v == min ? 1 : 0;
            high += v == max ? 1 : 0;
        }
        assertTrue(low > y.length / 10 && high > y.length / 10 && low + high < y.length * 9 / 10,
                low + " at " + min + ", " + high + " at " + max + " of " + y.length);
    }

    private static void assertRefused(ModelProto model, String tap, String... words) {
        var e = assertThrows(UnsupportedOperatorException.class,
                () -> GradientGraphBuilder.build(new FeatureGraph(model, "image"), List.of(tap), H, W));
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), e.getMessage());
        }
    }

    private static Arguments layer(String name, Layer layer) {
        return layer(name, OnnxProtos.OPSET, layer);
    }

    private static Arguments layer(String name, int opset, Layer layer) {
        return Arguments.of(name, opset, layer);
    }

    private static String stem(NetBuilder n) {
        return n.conv("image", 3, 4, 1, 1, 0, 1);
    }

    /** BatchNormalization over h's 4 channels with the given variances and random scale, bias and mean. */
    private static String batchNorm(NetBuilder n, String h, float[] variance, AttributeProto... attributes) {
        long[] dims = {4};
        return n.node("BatchNormalization", List.of(h, n.constant("scale", dims, n.gaussians(4, 1)),
                n.constant("bias", dims, n.gaussians(4, 1)), n.constant("mean", dims, n.gaussians(4, 0.5)),
                n.constant("var", dims, variance)), attributes);
    }
}
