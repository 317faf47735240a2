package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end on the embedded default backbone and samples, at a small size. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void stylizeWritesAnImageAndAReport(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out/stylized.png");
        Path report = dir.resolve("report.json");
        Run r = run("stylize", "--config", "config/seed.json", "--size", "32", "--steps", "5",
                "--output", output.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(output.toFile());
        // builtin:landscape is 512×384: the shorter side becomes 32 and the longer int(32·512/384) = 42
        assertEquals(42, image.getWidth());
        assertEquals(32, image.getHeight());

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        // the seed's loop: one L-BFGS step (20 evaluations) is started while at most 5 evaluations were made
        assertEquals(20, json.get("evaluations").asInt());
        assertEquals(20, json.get("losses").size());
        assertEquals(42, json.get("width").asInt());
        assertEquals("cpu", json.get("device").asText());
        assertEquals("vgg19-random", json.get("backbone").asText());
        assertTrue(json.get("seconds").asDouble() > 0);
        assertEquals(json.get("seconds").asDouble() / 20, json.get("seconds_per_evaluation").asDouble(), 1e-9);
        JsonNode first = json.get("losses").get(0);
        JsonNode fin = json.get("final");
        assertEquals(1, first.get("evaluation").asInt());
        // starting from the content image: no content loss, some style loss, which the optimiser reduces
        assertEquals(0.0, first.get("content").asDouble(), 1e-12);
        assertTrue(first.get("style").asDouble() > 0);
        assertTrue(fin.get("total").asDouble() < first.get("total").asDouble(), fin + " vs " + first);
        assertEquals(fin.get("style").asDouble() + fin.get("content").asDouble(), fin.get("total").asDouble(), 1e-9);
        // the written image is never worse than the best evaluation of the run
        double bestEvaluated = java.util.stream.StreamSupport.stream(json.get("losses").spliterator(), false)
                .mapToDouble(l -> l.get("total").asDouble()).min().orElseThrow();
        assertTrue(fin.get("total").asDouble() <= bestEvaluated + 1e-12, fin + " vs best " + bestEvaluated);
        assertTrue(json.get("image_from").asText().matches("last step|evaluation \\d+"), json.get("image_from").asText());
    }

    @Test
    void configErrorIsOneLineWithExitCode3(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{\"content\": {\"image\": \"builtin:landscape\", \"layers\": {\"conv_4\": 1}},"
                + " \"style\": {\"images\": [\"builtin:brushstrokes\"], \"layers\": {\"conv_99\": 1}}}");
        Run r = run("stylize", "--config", config.toString(), "--size", "32", "--steps", "1",
                "--output", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.CONFIG, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("conv_99") && r.err().contains("conv_16") && r.err().contains("conv5_4"), r.err());
        assertFalse(Files.exists(dir.resolve("o.png")));
    }

    @Test
    void anotherBackboneWorksWithItsOwnLayerNamesAndRejectsUnknownOnesListingThem(@TempDir Path dir) throws Exception {
        // the committed ResNet-18 (up to layer1, BatchNorm kept, residual Adds) exported by tools/export_backbone.py
        String resnet = "src/test/resources/backbones/resnet18-layer1-random";
        Path config = dir.resolve("resnet.json");
        Files.writeString(config, "{\"content\": {\"image\": \"builtin:landscape\", \"layers\": {\"layer1.0\": 1}},"
                + " \"style\": {\"images\": [\"builtin:brushstrokes\"], \"layers\": {\"relu\": 1, \"layer1.0.relu_1\": 1,"
                + " \"layer1.1\": 1}}}");
        Path report = dir.resolve("r.json");
        Run ok = run("stylize", "--config", config.toString(), "--backbone", resnet, "--size", "32", "--steps", "5",
                "--output", dir.resolve("o.png").toString(), "--report", report.toString());
        assertEquals(0, ok.code(), ok.err());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("resnet18-layer1-random", json.get("backbone").asText());
        assertTrue(json.get("final").get("total").asDouble() < json.get("losses").get(0).get("total").asDouble());

        Files.writeString(config, "{\"content\": {\"image\": \"builtin:landscape\", \"layers\": {\"conv4_2\": 1}},"
                + " \"style\": {\"images\": [\"builtin:brushstrokes\"], \"layers\": {\"relu\": 1}}}");
        Run bad = run("stylize", "--config", config.toString(), "--backbone", resnet, "--size", "32", "--steps", "1",
                "--output", dir.resolve("o2.png").toString());
        assertEquals(ExitCodes.CONFIG, bad.code());
        assertTrue(bad.err().contains("conv4_2") && bad.err().contains("layer1.0.conv1") && bad.err().contains("maxpool"),
                bad.err());
    }

    @Test
    void cudaOnACpuBuildSaysHowToGetGpuSupport(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA),
                "this build has CUDA");
        Run r = run("stylize", "--config", "config/seed.json", "--device", "cuda", "--size", "32",
                "--steps", "1", "--output", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.RUNTIME, r.code());
        assertTrue(r.err().contains("-Pgpu"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void verboseShowsTheCauseChainEvenOnANestedCommand(@TempDir Path dir) throws Exception {
        Path notOnnx = dir.resolve("model.onnx");
        Files.writeString(notOnnx, "not a protobuf");
        Run quiet = run("backbone", "import", notOnnx.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BACKBONE, quiet.code());
        assertEquals(1, quiet.err().strip().lines().count(), quiet.err());
        Run verbose = run("backbone", "import", notOnnx.toString(), "--out", dir.resolve("out").toString(), "--verbose");
        assertEquals(ExitCodes.BACKBONE, verbose.code());
        assertTrue(verbose.err().contains("caused by: com.google.protobuf"), verbose.err());
    }

    @Test
    void missingImageIsExitCode4(@TempDir Path dir) {
        Run r = run("stylize", "--config", "config/seed.json", "--content", dir.resolve("nope.jpg").toString(),
                "--size", "32", "--steps", "1", "--output", dir.resolve("o.png").toString());
        assertEquals(ExitCodes.IMAGE, r.code());
        assertTrue(r.err().contains("nope.jpg"), r.err());
    }

    @Test
    void backboneInfoListsBothNamingConventionsWithShapes() {
        Run r = run("backbone", "info", "onnx/vgg19-random", "--size", "64");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("conv1_1") && l.contains("conv_1") && l.endsWith("1x64x64x64")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("pool5") && l.contains("pool_16") && l.endsWith("1x512x2x2")), r.out());
    }
}
