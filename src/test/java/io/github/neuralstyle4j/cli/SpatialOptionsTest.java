package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --style-mask}, {@code --content-mask} and {@code --content none --size WxH} reach the run: given on the
 * command line over the built-in default (same layers and weights as the examples), they reproduce the first
 * evaluation's losses that PyTorch computed for {@code config/masks.json} and {@code config/texture.json}
 * ({@code examples/losses.json}, made by {@code tools/reference/example_losses.py} without this project's code).
 */
class SpatialOptionsTest {

    /** As {@link ExampleConfigsTest}: float32 against float64 at evaluation 1, 1e-5 relative (measured 2e-7 at most). */
    private static final double TOLERANCE = 1e-5;

    private static JsonNode reference(String config) throws IOException {
        try (InputStream in = SpatialOptionsTest.class.getResourceAsStream("/examples/losses.json")) {
            return new ObjectMapper().readTree(in).get("configs").get(config);
        }
    }

    private static JsonNode firstLosses(Path dir, String... options) throws IOException {
        Path report = dir.resolve("r.json");
        List<String> args = new ArrayList<>(List.of("stylize", "--steps", "1", "--init", "noise", "--seed", "3",
                "--output", dir.resolve("o.png").toString(), "--report", report.toString(), "--quiet",
                "--overwrite"));
        args.addAll(List.of(options));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(report.toFile()).get("losses").get(0);
    }

    private static void assertLosses(JsonNode expected, JsonNode actual) {
        for (String term : List.of("style", "content")) {
            double want = expected.get(term).asDouble();
            assertEquals(want, actual.get(term).asDouble(), TOLERANCE * Math.abs(want), term + ": " + actual);
        }
    }

    @Test
    void maskOptionsGiveTheMaskedExamplesLosses(@TempDir Path dir) throws IOException {
        JsonNode masked = firstLosses(dir, "--size", "48", "--style", "builtin:brushstrokes", "--style",
                "builtin:mosaic", "--style-mask", "builtin:land-mask", "--style-mask", "builtin:lake-mask",
                "--content-mask", "builtin:land-mask");
        assertLosses(reference("config/masks.json"), masked);
        // without the masks the same images give other losses: the options, not the defaults, made the difference
        JsonNode plain = firstLosses(dir, "--size", "48", "--style", "builtin:brushstrokes", "--style",
                "builtin:mosaic");
        assertTrue(Math.abs(plain.get("style").asDouble() / masked.get("style").asDouble() - 1) > 0.05, plain
                + " vs " + masked);
        // "none" leaves a style unmasked: one masked, one plain, still runs and differs from both
        JsonNode half = firstLosses(dir, "--size", "48", "--style", "builtin:brushstrokes", "--style",
                "builtin:mosaic", "--style-mask", "none", "--style-mask", "builtin:lake-mask");
        assertTrue(half.get("style").asDouble() != plain.get("style").asDouble(), half.toString());
    }

    @Test
    void contentNoneWithACanvasIsTheTextureExample(@TempDir Path dir) throws IOException {
        // config/texture.json's canvas 192×128 at size 48 is 72×48: the same run as a 72x48 canvas at its own size
        JsonNode texture = firstLosses(dir, "--content", "none", "--size", "72x48", "--style",
                "builtin:brushstrokes");
        assertLosses(reference("config/texture.json"), texture);
        assertEquals(0.0, texture.get("content").asDouble());
        BufferedImage image = ImageIO.read(dir.resolve("o.png").toFile());
        assertEquals(72, image.getWidth());
        assertEquals(48, image.getHeight());
    }

    @Test
    void contradictionsAreOneLineUsageErrors(@TempDir Path dir) {
        String out = dir.resolve("o.png").toString();
        String[][] cases = {
            {"--content", "none", "--output", out},
            {"--size", "64x48", "--output", out},
            {"--content", "none", "--size", "64x48", "--content-mask", "builtin:land-mask", "--output", out},
            {"--style-mask", "builtin:land-mask", "--style-mask", "builtin:lake-mask", "--output", out},
            {"--size", "64y48", "--output", out},
        };
        String[] expected = {"needs the canvas as --size WxH", "is a texture's canvas: add --content none",
            "has no content loss to mask", "2 --style-mask for 1 style image(s)", "expected pixels"};
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of("stylize"));
            args.addAll(List.of(cases[i]));
            CliTest.Run r = CliTest.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(expected[i]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
