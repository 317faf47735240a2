package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One backward rule at a time, against finite differences: image → 1×1 conv to 4 channels (so groups have channels
 * to split) → the operator under test. Odd image sizes make strided windows leave rows uncovered, which the
 * transposed windows' output_padding must restore.
 */
class OperatorGradientTest {

    static Stream<Arguments> operators() {
        return Stream.of(
                Arguments.of("Conv 3x3 pads 1 (adjoint Conv)", conv(3, OnnxProtos.ints("pads", 1, 1, 1, 1))),
                Arguments.of("Conv 3x3 asymmetric pads (adjoint Conv)", conv(3, OnnxProtos.ints("pads", 0, 1, 2, 0))),
                Arguments.of("Conv 3x3 stride 2 pads 1", conv(3, OnnxProtos.ints("strides", 2, 2), OnnxProtos.ints("pads", 1, 1, 1, 1))),
                Arguments.of("Conv 3x3 stride 2 asymmetric pads", conv(3, OnnxProtos.ints("strides", 2, 2), OnnxProtos.ints("pads", 0, 1, 2, 0))),
                Arguments.of("Conv 3x3 dilation 2", conv(3, OnnxProtos.ints("dilations", 2, 2), OnnxProtos.ints("pads", 2, 2, 2, 2))),
                Arguments.of("Conv 3x3 groups 2", conv(3, OnnxProtos.integer("group", 2), OnnxProtos.ints("pads", 1, 1, 1, 1))),
                Arguments.of("Conv 3x3 depthwise stride 2", conv(3, OnnxProtos.integer("group", 4), OnnxProtos.ints("strides", 2, 2))),
                Arguments.of("Conv auto_pad SAME_UPPER stride 2", conv(3, OnnxProtos.string("auto_pad", "SAME_UPPER"), OnnxProtos.ints("strides", 2, 2))),
                Arguments.of("MaxPool 2x2/2", pool("MaxPool", 2, 2, OnnxProtos.ints("pads", 0, 0, 0, 0))),
                Arguments.of("MaxPool 3x3/2 overlapping", pool("MaxPool", 3, 2, OnnxProtos.ints("pads", 0, 0, 0, 0))),
                Arguments.of("MaxPool 3x3/2 pads 1 ceil", pool("MaxPool", 3, 2, OnnxProtos.ints("pads", 1, 1, 1, 1), OnnxProtos.integer("ceil_mode", 1))),
                Arguments.of("AveragePool 2x2/2", pool("AveragePool", 2, 2, OnnxProtos.ints("pads", 0, 0, 0, 0))),
                Arguments.of("AveragePool 3x3/2 pads 1 exclude pad", pool("AveragePool", 3, 2, OnnxProtos.ints("pads", 1, 1, 1, 1))),
                Arguments.of("AveragePool 3x3/2 pads 1 include pad", pool("AveragePool", 3, 2, OnnxProtos.ints("pads", 1, 1, 1, 1), OnnxProtos.integer("count_include_pad", 1))),
                Arguments.of("Relu", unary("Relu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void backwardRuleMatchesFiniteDifferences(String name, GraphProto.Builder graph) {
        var r = FiniteDifferenceCheck.run(model(graph), "image", List.of("out"), 11, 9, name.hashCode(), 3e-4);
        GradientAssertions.assertMatches(r, 3 * 11 * 9);
    }

    @Test
    void fanOutGradientsAreSummed() {
        // out = relu(h) + h, and h is also tapped: three paths into h
        GraphProto.Builder g = stem();
        g.addNode(OnnxProtos.node("Relu", "r", List.of("h"), List.of("rh")));
        g.addNode(OnnxProtos.node("Add", "add", List.of("rh", "h"), List.of("out")));
        var r = FiniteDifferenceCheck.run(model(g), "image", List.of("out", "h"), 7, 8, 5, 3e-4);
        GradientAssertions.assertMatches(r, 3 * 7 * 8);
    }

    @Test
    void normalisationArithmeticMatchesFiniteDifferences() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("t");
        g.addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "h", "w"));
        g.addInitializer(OnnxProtos.floatTensor("mean", new long[] {1, 3, 1, 1}, new float[] {0.4f, 0.5f, 0.6f}));
        g.addInitializer(OnnxProtos.floatTensor("std", new long[] {1, 3, 1, 1}, new float[] {0.2f, 0.25f, 0.3f}));
        g.addInitializer(OnnxProtos.floatTensor("k", new long[] {1}, new float[] {3f}));
        g.addNode(OnnxProtos.node("Sub", "sub", List.of("mean", "image"), List.of("a")));
        g.addNode(OnnxProtos.node("Div", "div", List.of("a", "std"), List.of("b")));
        g.addNode(OnnxProtos.node("Mul", "mul", List.of("k", "b"), List.of("c")));
        g.addNode(OnnxProtos.node("Mul", "square", List.of("c", "c"), List.of("out")));
        // out is quadratic in x, so central differences carry an O(eps²) term as well: still far below the tolerance
        var r = FiniteDifferenceCheck.run(model(g), "image", List.of("out"), 4, 5, 9, 3e-4);
        GradientAssertions.assertMatches(r, 3 * 4 * 5);
    }

    @Test
    void operatorWithoutRuleIsAnErrorNamingOpAndNode() {
        GraphProto.Builder g = stem();
        g.addNode(OnnxProtos.node("Softplus", "smooth_relu", List.of("h"), List.of("out")));
        var model = new io.github.neuralstyle4j.backbone.FeatureGraph(model(g), "image");
        var e = assertThrows(io.github.neuralstyle4j.backbone.BackboneException.class,
                () -> GradientGraphBuilder.build(model, List.of("out"), 8, 8));
        assertTrue(e.getMessage().contains("Softplus") && e.getMessage().contains("smooth_relu"), e.getMessage());
    }

    private static GraphProto.Builder stem() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("t");
        g.addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "h", "w"));
        g.addInitializer(OnnxProtos.floatTensor("stem.w", new long[] {4, 3, 1, 1}, randoms(12, 1)));
        g.addNode(OnnxProtos.node("Conv", "stem", List.of("image", "stem.w"), List.of("h")));
        return g;
    }

    private static GraphProto.Builder conv(int k, AttributeProto... attrs) {
        GraphProto.Builder g = stem();
        long group = java.util.Arrays.stream(attrs).filter(a -> a.getName().equals("group"))
                .mapToLong(AttributeProto::getI).findFirst().orElse(1);
        g.addInitializer(OnnxProtos.floatTensor("w", new long[] {4, 4 / group, k, k}, randoms((int) (16 / group * k * k), 2)));
        g.addInitializer(OnnxProtos.floatTensor("b", new long[] {4}, randoms(4, 3)));
        g.addNode(OnnxProtos.node("Conv", "conv", List.of("h", "w", "b"), List.of("out"), attrs));
        return g;
    }

    private static GraphProto.Builder pool(String op, int k, int s, AttributeProto... attrs) {
        GraphProto.Builder g = stem();
        AttributeProto[] all = Stream.concat(Stream.of(OnnxProtos.ints("kernel_shape", k, k),
                OnnxProtos.ints("strides", s, s)), Stream.of(attrs)).toArray(AttributeProto[]::new);
        g.addNode(OnnxProtos.node(op, "pool", List.of("h"), List.of("out"), all));
        return g;
    }

    private static GraphProto.Builder unary(String op) {
        GraphProto.Builder g = stem();
        g.addNode(OnnxProtos.node(op, "op", List.of("h"), List.of("out")));
        return g;
    }

    private static ModelProto model(GraphProto.Builder g) {
        g.addOutput(OnnxProtos.floatValueInfo(g.getNode(g.getNodeCount() - 1).getOutput(0), new long[] {-1, -1, -1, -1}, "a", "b", "c", "d"));
        return ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(OnnxProtos.OPSET)).setGraph(g).build();
    }

    private static float[] randoms(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
