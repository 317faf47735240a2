package io.github.neuralstyle4j.backbone;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed test model written by {@code tools/export_backbone.py resnet18 --until layer1 --random-init --seed 18}:
 * the manifest the tool writes opens, its names follow both conventions, and the shape analysis covers the
 * BatchNormalization and Add of a resnet.
 */
class ExportedBackboneTest {

    static final Path RESNET18_LAYER1 = Path.of("src/test/resources/backbones/resnet18-layer1-random");

    @Test
    void torchvisionExportOpensWithModulePathsAndSeedAliases() throws Exception {
        Backbone bb = Backbone.open(RESNET18_LAYER1);
        BackboneManifest m = bb.manifest();
        assertEquals(BackboneFolders.sha256(Files.readAllBytes(RESNET18_LAYER1.resolve("features.onnx"))),
                m.weights().sha256());
        assertEquals(18L, m.weights().seed());
        assertEquals(List.of("conv1", "bn1", "relu", "maxpool", "layer1.0.conv1", "layer1.0.bn1", "layer1.0.relu_1",
                        "layer1.0.conv2", "layer1.0.bn2", "layer1.0", "layer1.1.conv1", "layer1.1.bn1",
                        "layer1.1.relu_1", "layer1.1.conv2", "layer1.1.bn2", "layer1.1"),
                m.layers().stream().map(BackboneManifest.Layer::name).toList());
        // the seed counts convolutions; a block's output is its last relu, and the last block is the stage
        assertEquals("layer1.0.conv1", bb.tensorFor("conv_2"));
        assertEquals("layer1.0.bn2", bb.tensorFor("bn_3"));
        assertEquals("maxpool", bb.tensorFor("pool_1"));
        assertEquals("layer1.0", bb.tensorFor("layer1.0.relu_2"));
        assertEquals("layer1.1", bb.tensorFor("relu_5"));
        assertEquals("layer1.1", bb.tensorFor("layer1"));

        Map<String, long[]> shapes = new HashMap<>();
        bb.layerShapes(64, 48).forEach((layer, shape) -> shapes.put(layer.name(), shape));
        assertArrayEquals(new long[] {1, 64, 32, 24}, shapes.get("bn1"));
        assertArrayEquals(new long[] {1, 64, 16, 12}, shapes.get("maxpool"));
        assertArrayEquals(new long[] {1, 64, 16, 12}, shapes.get("layer1.1"));
    }
}
