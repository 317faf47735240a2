package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.ClassifierModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.neuralstyle4j.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backbone import} end to end: a classifier file becomes a folder that {@code info} and {@code stylize} use. */
class BackboneImportCommandTest {

    @Test
    void importedClassifierIsListedAndStylizes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny-vgg.onnx");
        Files.write(file, ClassifierModels.vgg(3).toByteArray());
        Path backbone = dir.resolve("tiny");
        CliTest.Run imported = run("backbone", "import", file.toString(), "--out", backbone.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("VGG-shaped") && imported.out().contains("cut after pool2"), imported.out());

        CliTest.Run info = run("backbone", "info", backbone.toString(), "--size", "32");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("backbone tiny-vgg"), info.out());
        assertTrue(info.out().lines().anyMatch(l -> l.startsWith("conv2_1") && l.contains("conv_3") && l.endsWith("1x8x16x16")),
                info.out());

        Path config = dir.resolve("tiny.json");
        Files.writeString(config, "{\"content\": {\"image\": \"builtin:landscape\", \"layers\": {\"conv2_1\": 1}},"
                + " \"style\": {\"images\": [\"builtin:brushstrokes\"], \"layers\": {\"conv_1\": 1, \"conv_2\": 1, \"conv_3\": 1}}}");
        Path output = dir.resolve("out.png");
        CliTest.Run stylized = run("stylize", "--config", config.toString(), "--backbone", backbone.toString(),
                "--size", "32", "--steps", "1", "--output", output.toString(), "--quiet");
        assertEquals(0, stylized.code(), stylized.err());
        assertNotNull(ImageIO.read(output.toFile()));
    }

    @Test
    void badFilesAndOptionsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("readme.onnx");
        Files.writeString(text, "not a model\n");
        CliTest.Run notOnnx = run("backbone", "import", text.toString(), "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.BACKBONE, notOnnx.code());
        assertEquals(1, notOnnx.err().strip().lines().count(), notOnnx.err());
        assertTrue(notOnnx.err().contains("not an ONNX model"), notOnnx.err());
        assertFalse(Files.exists(dir.resolve("x")));

        Path file = dir.resolve("tiny-vgg.onnx");
        Files.write(file, ClassifierModels.vgg(3).toByteArray());
        CliTest.Run badNorm = run("backbone", "import", file.toString(), "--normalization", "caffe",
                "--out", dir.resolve("y").toString());
        assertEquals(ExitCodes.USAGE, badNorm.code());
        assertTrue(badNorm.err().contains("imagenet, none or MEAN"), badNorm.err());
    }
}
