package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link Backbone#open} refuses before anything runs, on one-convolution backbones made here. */
class BackboneOpenChecksTest {

    private static final float[] WEIGHTS = {0.5f, -1f, 2f, 0.25f, 3f, -0.5f};

    @TempDir
    Path dir;

    @Test
    void aWellFormedBackboneOpens() throws IOException {
        Backbone b = Backbone.open(folder(model(3, OnnxProtos.OPSET, inlineWeights())));
        assertEquals(List.of("conv1"), b.layerNames());
    }

    @Test
    void anInputThatIsNotThreeChannelsIsRefused() throws IOException {
        Path folder = folder(model(1, OnnxProtos.OPSET, inlineWeights()));
        BackboneException e = assertThrows(BackboneException.class, () -> Backbone.open(folder));
        assertTrue(e.getMessage().contains("1 channels") && e.getMessage().contains("RGB"), e.getMessage());
    }

    @Test
    void anOpsetTheRuntimeCannotLoadIsRefusedByName() throws IOException {
        Path folder = folder(model(3, 999, inlineWeights()));
        BackboneException e = assertThrows(BackboneException.class, () -> Backbone.open(folder));
        assertTrue(e.getMessage().contains("opset 999") && e.getMessage().contains("cannot load"), e.getMessage());
    }

    @Test
    void externalDataInsideTheFolderIsReadIn() throws IOException {
        Path folder = folder(model(3, OnnxProtos.OPSET, externalWeights("weights.bin", 4)));
        byte[] data = littleEndian(WEIGHTS);
        byte[] withOffset = new byte[4 + data.length];
        System.arraycopy(data, 0, withOffset, 4, data.length);
        Files.write(folder.resolve("weights.bin"), withOffset);
        Backbone b = Backbone.open(folder);
        TensorProto w = b.graph().constant("w");
        assertArrayEquals(WEIGHTS, OnnxProtos.floats(w), 0f);
    }

    @Test
    void externalDataOutsideTheFolderIsRefused() throws IOException {
        Files.write(dir.resolve("secret.bin"), littleEndian(WEIGHTS));
        for (String location : List.of("../secret.bin", dir.resolve("secret.bin").toAbsolutePath().toString(),
                "sub/../../secret.bin")) {
            Path folder = folder(model(3, OnnxProtos.OPSET, externalWeights(location, 0)));
            BackboneException e = assertThrows(BackboneException.class, () -> Backbone.open(folder), location);
            assertTrue(e.getMessage().contains("outside the backbone folder") && e.getMessage().contains(location),
                    e.getMessage());
        }
    }

    private Path folder(ModelProto model) throws IOException {
        Path folder = Files.createTempDirectory(dir, "backbone");
        Files.write(folder.resolve("features.onnx"), model.toByteArray());
        Files.writeString(folder.resolve(Backbone.MANIFEST), "{\"name\": \"tiny\", \"model\": \"features.onnx\","
                + " \"input\": \"image\", \"layers\": [{\"name\": \"conv1\", \"tensor\": \"c1\", \"kind\": \"conv\"}]}");
        return folder;
    }

    /** image [1, channels, H, W] → Conv with 2 filters of 3×1×1 → c1. */
    private static ModelProto model(int channels, long opset, TensorProto weights) {
        GraphProto graph = GraphProto.newBuilder().setName("tiny")
                .addInput(OnnxProtos.floatValueInfo("image", new long[] {1, channels, -1, -1}, "h", "w"))
                .addInitializer(weights)
                .addNode(OnnxProtos.node("Conv", "conv1", List.of("image", "w"), List.of("c1")))
                .addOutput(OnnxProtos.floatValueInfo("c1", new long[] {1, 2, -1, -1}, "h", "w"))
                .build();
        return ModelProto.newBuilder().setIrVersion(OnnxProtos.IR_VERSION).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }

    private static TensorProto inlineWeights() {
        return OnnxProtos.floatTensor("w", new long[] {2, 3, 1, 1}, WEIGHTS);
    }

    private static TensorProto externalWeights(String location, long offset) {
        return TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(List.of(2L, 3L, 1L, 1L)).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("24"))
                .build();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
