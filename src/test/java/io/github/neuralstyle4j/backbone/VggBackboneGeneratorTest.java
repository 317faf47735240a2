package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VggBackboneGeneratorTest {

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        List<int[]> stages = List.of(new int[] {8, 8}, new int[] {16});
        byte[] a = VggBackboneGenerator.model(stages, 5).toByteArray();
        byte[] b = VggBackboneGenerator.model(stages, 5).toByteArray();
        byte[] c = VggBackboneGenerator.model(stages, 6).toByteArray();
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void weightsFollowHeNormalFanOut() {
        // VGG19's conv3_1: 256 outputs of 128×3×3 inputs; He-normal (fan_out) has std sqrt(2 / (256·9)).
        var model = VggBackboneGenerator.model(VggBackboneGenerator.VGG19_STAGES, VggBackboneGenerator.DEFAULT_SEED);
        TensorProto w = model.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("conv3_1.weight")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {256, 128, 3, 3}, OnnxProtos.dims(w));
        float[] v = OnnxProtos.floats(w);
        double mean = 0;
        double sq = 0;
        for (float x : v) {
            mean += x;
            sq += (double) x * x;
        }
        mean /= v.length;
        double std = Math.sqrt(sq / v.length - mean * mean);
        double expected = Math.sqrt(2.0 / (256 * 9));
        // 294,912 samples: the sample std of a normal is within 1 % of the true one with overwhelming probability
        assertEquals(expected, std, 0.01 * expected);
        assertEquals(0, mean, 5 * expected / Math.sqrt(v.length));
        long convs = model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).count();
        assertEquals(16, convs);
    }

    @Test
    void bothNamingConventionsReachTheSameTensors(@TempDir Path dir) {
        Path folder = VggBackboneGenerator.write(dir.resolve("vgg"), "vgg", VggBackboneGenerator.VGG19_STAGES, 1);
        Backbone bb = Backbone.open(folder);
        // the seed counts convolutions: conv_5 is the first of stage 3; a pool is named after the conv before it
        assertEquals("conv3_1", bb.tensorFor("conv_5"));
        assertEquals("conv4_2", bb.tensorFor("conv_10"));
        assertEquals("relu5_4", bb.tensorFor("relu_16"));
        assertEquals("pool2", bb.tensorFor("pool_4"));
        assertEquals("pool5", bb.tensorFor("pool_16"));
        assertEquals("conv1_1", bb.tensorFor("conv1_1"));
        var e = assertThrows(BackboneException.class, () -> bb.tensorFor("conv9_9"));
        assertTrue(e.getMessage().contains("conv9_9") && e.getMessage().contains("conv5_4")
                && e.getMessage().contains("conv_16"), e.getMessage());
    }

    @Test
    void layerShapesFollowTheVggStages(@TempDir Path dir) {
        Backbone bb = Backbone.open(VggBackboneGenerator.write(dir.resolve("vgg"), "vgg",
                VggBackboneGenerator.VGG19_STAGES, 1));
        var shapes = bb.layerShapes(64, 48);
        var byName = new java.util.HashMap<String, long[]>();
        shapes.forEach((layer, shape) -> byName.put(layer.name(), shape));
        assertArrayEquals(new long[] {1, 64, 64, 48}, byName.get("conv1_1"));
        assertArrayEquals(new long[] {1, 128, 32, 24}, byName.get("relu2_2"));
        assertArrayEquals(new long[] {1, 512, 2, 1}, byName.get("pool5"));
    }

    @Test
    void ensureDefaultDoesNotRewriteAnExistingBackbone(@TempDir Path dir) throws Exception {
        Path folder = VggBackboneGenerator.write(dir.resolve(VggBackboneGenerator.DEFAULT_NAME), "x",
                List.of(new int[] {4}), 1);
        var before = Files.getLastModifiedTime(folder.resolve("features.onnx"));
        VggBackboneGenerator.ensureDefault(folder);
        assertEquals(before, Files.getLastModifiedTime(folder.resolve("features.onnx")));
        assertEquals("x", Backbone.open(folder).manifest().name());
    }

    @Test
    void missingFolderAndNonOnnxFileAreClearErrors(@TempDir Path dir) throws Exception {
        var missing = assertThrows(BackboneException.class, () -> Backbone.open(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path folder = VggBackboneGenerator.write(dir.resolve("vgg"), "vgg", List.of(new int[] {4}), 1);
        Files.writeString(folder.resolve("features.onnx"), "this is not a protobuf");
        var bad = assertThrows(BackboneException.class, () -> Backbone.open(folder));
        assertTrue(bad.getMessage().contains("features.onnx"), bad.getMessage());
    }
}
