package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackboneGenerateCommandTest {

    @Test
    void vgg16MakesTheBytesOfTheReference(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("vgg16");
        CliTest.Run r = CliTest.run("backbone", "generate", "--preset", "vgg16", "--seed", "16", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String sha = new ObjectMapper().readTree(Path.of("src/test/resources/reference/vgg16-gatys/reference.json")
                .toFile()).get("backbone_sha256").asText();
        assertEquals(sha, io.github.neuralstyle4j.backbone.BackboneFolders.sha256(out.resolve("features.onnx")));
        assertTrue(r.out().contains("sha256 " + sha), r.out());
        Backbone bb = Backbone.open(out);
        assertEquals("vgg16-random-seed16", bb.manifest().name());
        // VGG16: 13 convolutions, conv5_3 the last, aliases counting convolutions as the seed does
        assertEquals("conv5_3", bb.tensorFor("conv_13"));
        assertEquals("conv4_2", bb.tensorFor("conv_9"));
        assertEquals(13 * 2 + 5, bb.manifest().layers().size());
    }

    @Test
    void refusesAnExistingFolderAndUnknownPresets(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "x");
        CliTest.Run r = CliTest.run("backbone", "generate", "--preset", "vgg19", dir.toString());
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("already exists"), r.err());
        assertTrue(Files.exists(dir.resolve("keep.txt")));

        r = CliTest.run("backbone", "generate", "--preset", "vgg11", dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("vgg16, vgg19"), r.err());
    }
}
