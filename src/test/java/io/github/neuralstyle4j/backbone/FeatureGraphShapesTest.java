package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static shapes of the layers of exported backbones, including Reshape's 0 / -1 and Pad's forms. */
class FeatureGraphShapesTest {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("t")
            .addInput(OnnxProtos.floatValueInfo("image", new long[] {1, 3, -1, -1}, "h", "w"));

    @Test
    void shapesOfBackboneLayers() {
        longs("p", 0, 1, 2, 0, 0, 0, 1, -3);
        longs("s", 0, -1, 5);
        longs("ax", -1);
        longs("p2", 1, 2);
        for (String c : List.of("sc", "b", "m", "v")) {
            graph.addInitializer(OnnxProtos.floatTensor(c, new long[] {3}, new float[] {1, 1, 1}));
        }
        node("BatchNormalization", "bn", "image", "sc", "b", "m", "v");
        node("Clip", "clip", "bn");
        node("Dropout", "drop", "clip");
        node("Concat", "cat", List.of("drop", "image", "clip"), OnnxProtos.integer("axis", -3));
        node("Pad", "pad", List.of("cat", "p"));
        node("Pad", "pad_attr", List.of("cat"), OnnxProtos.ints("pads", 0, 0, 1, 1, 0, 0, 1, 1));
        node("Pad", "pad_axes", List.of("cat", "p2", "", "ax"));
        node("Flatten", "flat", List.of("cat"), OnnxProtos.integer("axis", 2));
        node("Reshape", "rs", "cat", "s");
        node("GlobalAveragePool", "gap", "cat");
        Map<String, long[]> s = shapes(10, 15);
        assertArrayEquals(new long[] {1, 3, 10, 15}, s.get("drop"));
        assertArrayEquals(new long[] {1, 9, 10, 15}, s.get("cat"));
        assertArrayEquals(new long[] {1, 10, 13, 12}, s.get("pad"));
        assertArrayEquals(new long[] {1, 9, 12, 17}, s.get("pad_attr"));
        assertArrayEquals(new long[] {1, 9, 10, 18}, s.get("pad_axes"));
        assertArrayEquals(new long[] {9, 150}, s.get("flat"));
        assertArrayEquals(new long[] {1, 270, 5}, s.get("rs"));
        assertArrayEquals(new long[] {1, 9, 1, 1}, s.get("gap"));
    }

    @Test
    void reshapeWithAllowZeroKeepsAZeroLiterally() {
        longs("z", 0, -1);
        node("Reshape", "rs", List.of("image", "z"), OnnxProtos.integer("allowzero", 1));
        var e = assertThrows(BackboneException.class, () -> shapes(4, 4));
        assertTrue(e.getMessage().contains("'rs'") && e.getMessage().contains("cannot reshape"), e.getMessage());
    }

    @Test
    void reshapeToAnImageDependentShapeIsAnErrorNamingTheNode() {
        node("Reshape", "rs", "image", "image");
        var e = assertThrows(BackboneException.class, () -> shapes(4, 4));
        assertTrue(e.getMessage().contains("'rs'") && e.getMessage().contains("must be a constant"), e.getMessage());
    }

    private Map<String, long[]> shapes(long h, long w) {
        ModelProto model = ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(18)).setGraph(graph).build();
        FeatureGraph g = new FeatureGraph(model, "image");
        List<String> outs = graph.getNodeList().stream().map(n -> n.getOutput(0)).toList();
        return g.inferShapes(g.nodesFor(outs), h, w);
    }

    private void longs(String name, long... values) {
        graph.addInitializer(OnnxProtos.longTensor(name, new long[] {values.length}, values));
    }

    private void node(String op, String out, String... inputs) {
        node(op, out, List.of(inputs));
    }

    private void node(String op, String out, List<String> inputs, AttributeProto... attributes) {
        graph.addNode(OnnxProtos.node(op, out, inputs, List.of(out), attributes));
    }
}
