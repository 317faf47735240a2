package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.github.neuralstyle4j.backbone.InputNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.github.neuralstyle4j.backbone.ClassifierModels.SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackboneImporterTest {

    @Test
    void vggClassifierIsCutAfterItsLastPoolAndNamedInBothConventions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vgg.onnx");
        Files.write(file, ClassifierModels.vgg(3).toByteArray());
        var imported = BackboneImporter.importFile(file, dir.resolve("vgg"), "vgg", InputNormalization.IMAGENET);
        assertTrue(imported.vggShaped());
        assertEquals("pool2", imported.cutAfter());
        assertEquals(4, imported.dropped());   // Flatten, Gemm, Relu, Gemm, and nothing of the stack

        GraphProto g = imported.model().getGraph();
        assertTrue(g.getNodeList().stream().map(NodeProto::getOpType)
                .noneMatch(op -> BackboneImporter.HEAD_OPS.contains(op)), g.getNodeList().toString());
        assertTrue(g.getInitializerList().stream().noneMatch(t -> t.getName().startsWith("dense")));
        assertEquals(List.of("image"), g.getInputList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of("pool2"), g.getOutputList().stream().map(v -> v.getName()).toList());
        assertEquals(17, imported.model().getOpsetImport(0).getVersion());   // upgraded from opset 7

        Backbone bb = Backbone.open(dir.resolve("vgg"));
        assertEquals(List.of("conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1", "conv2_1", "relu2_1", "pool2"),
                bb.manifest().layers().stream().map(BackboneManifest.Layer::name).toList());
        assertEquals("conv2_1", bb.tensorFor("conv_3"));
        assertEquals("pool1", bb.tensorFor("pool_2"));
        assertEquals("pool2", bb.tensorFor("pool_3"));
        assertEquals(BackboneFolders.sha256(Files.readAllBytes(dir.resolve("vgg/features.onnx"))),
                bb.manifest().weights().sha256());
        assertTrue(bb.manifest().weights().source().contains("vgg.onnx"), bb.manifest().weights().source());
        assertEquals(List.of(0.485, 0.456, 0.406), bb.manifest().normalization().mean());
        // any input size now, not only the classifier's 32×32
        Map<String, long[]> shapes = new HashMap<>();
        bb.layerShapes(48, 40).forEach((l, s) -> shapes.put(l.name(), s));
        assertArrayEquals(new long[] {1, 4, 48, 40}, shapes.get("conv1_1"));
        assertArrayEquals(new long[] {1, 8, 12, 10}, shapes.get("pool2"));
    }

    @Test
    void importedGraphIsTheOriginalOnTheNormalisedInput() {
        ModelProto original = ClassifierModels.vgg(3);
        var imported = BackboneImporter.convert(original, "vgg", InputNormalization.IMAGENET, "test");
        float[] x = ClassifierModels.randomImage(SIZE, SIZE, 3);
        float[] normalised = new float[x.length];
        int plane = SIZE * SIZE;
        for (int i = 0; i < x.length; i++) {
            int c = i / plane;
            normalised[i] = (x[i] - VggBackboneGenerator.IMAGENET_MEAN[c]) / VggBackboneGenerator.IMAGENET_STD[c];
        }
        var ours = ClassifierModels.run(imported.model(), "image", x, SIZE, SIZE, List.of("conv1_1", "relu1_2", "pool2"));
        var theirs = ClassifierModels.run(original, "data", normalised, SIZE, SIZE,
                List.of("vgg0_conv0_fwd", "vgg0_relu1_fwd", "vgg0_pool1_fwd"));
        assertTrue(ClassifierModels.maxAbsDiff(ours.get("conv1_1"), theirs.get("vgg0_conv0_fwd")) < 1e-5);
        assertTrue(ClassifierModels.maxAbsDiff(ours.get("relu1_2"), theirs.get("vgg0_relu1_fwd")) < 1e-5);
        float d = ClassifierModels.maxAbsDiff(ours.get("pool2"), theirs.get("vgg0_pool1_fwd"));
        assertTrue(d < 1e-5, "max abs diff " + d);
        // and it is not the identity: the raw input would give other features
        var raw = ClassifierModels.run(original, "data", x, SIZE, SIZE, List.of("vgg0_pool1_fwd"));
        assertTrue(ClassifierModels.maxAbsDiff(ours.get("pool2"), raw.get("vgg0_pool1_fwd")) > 0.1);
    }

    @Test
    void noneAndExplicitNormalisations() {
        var none = BackboneImporter.convert(ClassifierModels.vgg(3), "vgg", InputNormalization.NONE, "test");
        GraphProto g = none.model().getGraph();
        assertEquals("Conv", g.getNode(0).getOpType());
        assertEquals("image", g.getNode(0).getInput(0));
        assertNull(none.manifest().normalization());

        var custom = InputNormalization.parse("0.5,0.5,0.5:0.25, 0.5 ,1");
        assertArrayEquals(new float[] {0.25f, 0.5f, 1f}, custom.std());
        var imported = BackboneImporter.convert(ClassifierModels.vgg(3), "vgg", custom, "test");
        assertEquals(List.of(0.5, 0.5, 0.5), imported.manifest().normalization().mean());
        assertEquals(List.of("Sub", "Div", "Conv"), imported.model().getGraph().getNodeList().subList(0, 3).stream()
                .map(NodeProto::getOpType).toList());
        assertThrows(IllegalArgumentException.class, () -> InputNormalization.parse("caffe"));
        assertThrows(IllegalArgumentException.class, () -> InputNormalization.parse("1,2:3,4,5"));
        assertThrows(IllegalArgumentException.class, () -> InputNormalization.parse("1,2,3:0,1,1"));
        assertThrows(IllegalArgumentException.class, () -> InputNormalization.parse("1,x,3:1,1,1"));
    }

    /** conv → relu → conv → (+ relu) → relu → GlobalAveragePool → Flatten → Gemm: the seed's names, cut at the relu. */
    @Test
    void residualStackGetsTheSeedNamesAndLosesItsGlobalPool() {
        Random random = new Random(1);
        GraphProto.Builder g = GraphProto.newBuilder().setName("res");
        g.addInput(OnnxProtos.floatValueInfo("input", new long[] {-1, 3, -1, -1}, "n", "h", "w"));
        ClassifierModels.weight(g, "w1", new long[] {4, 3, 3, 3}, random, 0.3);
        ClassifierModels.weight(g, "w2", new long[] {4, 4, 3, 3}, random, 0.3);
        g.addNode(OnnxProtos.node("Conv", "c1", List.of("input", "w1"), List.of("t1"), OnnxProtos.ints("pads", 1, 1, 1, 1)));
        g.addNode(OnnxProtos.node("Relu", "r1", List.of("t1"), List.of("t2")));
        g.addNode(OnnxProtos.node("Conv", "c2", List.of("t2", "w2"), List.of("t3"), OnnxProtos.ints("pads", 1, 1, 1, 1)));
        g.addNode(OnnxProtos.node("Add", "add", List.of("t3", "t2"), List.of("t4")));
        g.addNode(OnnxProtos.node("Relu", "r2", List.of("t4"), List.of("t5")));
        g.addNode(OnnxProtos.node("GlobalAveragePool", "gap", List.of("t5"), List.of("t6")));
        ClassifierModels.head(g, "t6", 4, random);
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();

        var imported = BackboneImporter.convert(model, "res", InputNormalization.IMAGENET, "test");
        assertFalse(imported.vggShaped());
        assertEquals(List.of("conv_1", "relu_1", "conv_2", "relu_2"),
                imported.manifest().layers().stream().map(BackboneManifest.Layer::name).toList());
        assertEquals("relu_2", imported.cutAfter());
        assertTrue(imported.model().getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("GlobalAveragePool")));
        assertEquals(List.of("relu_2"), imported.model().getGraph().getOutputList().stream().map(v -> v.getName()).toList());
    }

    /** An opset 7 stack with the old BatchNormalization (spatial) and Clip (min/max attributes) forms. */
    @Test
    void oldOperatorFormsAreUpgradedToOpset17() {
        Random random = new Random(2);
        GraphProto.Builder g = GraphProto.newBuilder().setName("old");
        g.addInput(OnnxProtos.floatValueInfo("data", new long[] {1, 3, SIZE, SIZE}));
        ClassifierModels.weight(g, "w", new long[] {4, 3, 3, 3}, random, 0.3);
        for (String p : List.of("scale", "bias", "mean")) {
            ClassifierModels.weight(g, p, new long[] {4}, random, 0.5);
        }
        g.addInitializer(OnnxProtos.floatTensor("var", new long[] {4}, new float[] {0.5f, 1f, 2f, 4f}));
        g.addNode(OnnxProtos.node("Conv", "c", List.of("data", "w"), List.of("conv"), OnnxProtos.ints("pads", 1, 1, 1, 1)));
        g.addNode(OnnxProtos.node("BatchNormalization", "bn", List.of("conv", "scale", "bias", "mean", "var"),
                List.of("bn"), OnnxProtos.integer("spatial", 1)));
        g.addNode(NodeProto.newBuilder(OnnxProtos.node("Clip", "clip", List.of("bn"), List.of("clip")))
                .addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("min").setF(0f)
                        .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.FLOAT))
                .addAttribute(ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("max").setF(0.5f)
                        .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.FLOAT)).build());
        g.addNode(OnnxProtos.node("MaxPool", "pool", List.of("clip"), List.of("pool"),
                OnnxProtos.ints("kernel_shape", 2, 2), OnnxProtos.ints("strides", 2, 2)));
        ClassifierModels.head(g, "pool", 4 * (SIZE / 2) * (SIZE / 2), random);
        ModelProto model = ModelProto.newBuilder().setIrVersion(3).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(7)).build();

        var imported = BackboneImporter.convert(model, "old", InputNormalization.NONE, "test");
        assertEquals(List.of("conv_1", "bn_1", "relu_1", "pool_1"),
                imported.manifest().layers().stream().map(BackboneManifest.Layer::name).toList());
        NodeProto clip = imported.model().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Clip"))
                .findFirst().orElseThrow();
        assertEquals(3, clip.getInputCount());
        assertEquals(0, clip.getAttributeCount());
        float[] x = ClassifierModels.randomImage(SIZE, SIZE, 5);
        var ours = ClassifierModels.run(imported.model(), "image", x, SIZE, SIZE, List.of("bn_1", "pool_1"));
        var theirs = ClassifierModels.run(model, "data", x, SIZE, SIZE, List.of("bn", "pool"));
        assertTrue(ClassifierModels.maxAbsDiff(ours.get("bn_1"), theirs.get("bn")) < 1e-5);
        assertTrue(ClassifierModels.maxAbsDiff(ours.get("pool_1"), theirs.get("pool")) < 1e-6);
    }

    @Test
    void unusableFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a protobuf, just some text\n");
        var notOnnx = assertThrows(BackboneException.class,
                () -> BackboneImporter.importFile(text, dir.resolve("a"), "a", InputNormalization.IMAGENET));
        assertTrue(notOnnx.getMessage().contains("not an ONNX model"), notOnnx.getMessage());

        Path gray = dir.resolve("gray.onnx");
        Files.write(gray, ClassifierModels.vgg(1).toByteArray());
        var channels = assertThrows(BackboneException.class,
                () -> BackboneImporter.importFile(gray, dir.resolve("b"), "b", InputNormalization.IMAGENET));
        assertTrue(channels.getMessage().contains("1 channels") && channels.getMessage().contains("3 (RGB)"),
                channels.getMessage());

        GraphProto.Builder g = GraphProto.newBuilder().setName("linear");
        g.addInput(OnnxProtos.floatValueInfo("data", new long[] {1, 3, 4, 4}));
        ClassifierModels.head(g, "data", 48, new Random(3));
        Path linear = dir.resolve("linear.onnx");
        Files.write(linear, ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build().toByteArray());
        var noConv = assertThrows(BackboneException.class,
                () -> BackboneImporter.importFile(linear, dir.resolve("c"), "c", InputNormalization.IMAGENET));
        assertTrue(noConv.getMessage().contains("no convolution stack"), noConv.getMessage());

        Path vgg = dir.resolve("vgg.onnx");
        Files.write(vgg, ClassifierModels.vgg(3).toByteArray());
        Files.createDirectory(dir.resolve("taken"));
        var exists = assertThrows(BackboneException.class,
                () -> BackboneImporter.importFile(vgg, dir.resolve("taken"), "taken", InputNormalization.IMAGENET));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        for (var e : List.of(notOnnx, channels, noConv, exists)) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")));
    }
}
