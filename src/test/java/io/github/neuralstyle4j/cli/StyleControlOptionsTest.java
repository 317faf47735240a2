package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The style-control options reach the run, and bad values are one-line errors. */
class StyleControlOptionsTest {

    @Test
    void optionsReachTheRun(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        CliTest.Run r = CliTest.run("stylize", "--config", "config/seed.json", "--size", "32", "--steps", "1",
                "--style", "builtin:brushstrokes", "--style", "builtin:mosaic", "--style-weights", "1,3",
                "--style-scale", "1", "--preserve-colors", "histogram", "--init", "noise", "--seed", "5",
                "--tv-weight", "2", "--output", dir.resolve("o.png").toString(), "--report", report.toString(),
                "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode first = new ObjectMapper().readTree(report.toFile()).get("losses").get(0);
        // a noise start is far from the content (content loss > 0, where the content start gives exactly 0) and
        // rough: uniform noise has E[(a − b)²] = 1/6 per neighbour pair and there are about 2 pairs per value, so
        // tv ≈ weight 2 · 2/6; the image edges remove 1/32 + 1/42 of the pairs (−3 %), sampling noise is ~1 %
        assertTrue(first.get("content").asDouble() > 0, first.toString());
        assertEquals(2 * 2 / 6.0, first.get("tv").asDouble(), 0.1);
        assertEquals(first.get("style").asDouble() + first.get("content").asDouble() + first.get("tv").asDouble(),
                first.get("total").asDouble(), 1e-9);
    }

    @Test
    void badValuesAreOneLineErrors(@TempDir Path dir) {
        String out = dir.resolve("o.png").toString();
        CliTest.Run colours = CliTest.run("stylize", "--config", "config/seed.json", "--preserve-colors", "luma",
                "--output", out);
        assertEquals(ExitCodes.USAGE, colours.code());
        assertTrue(colours.err().contains("--preserve-colors: unknown value 'luma'"), colours.err());
        CliTest.Run weights = CliTest.run("stylize", "--config", "config/seed.json", "--style-weights", "1,2",
                "--output", out);
        // a value the config refuses, given on the command line: a usage error naming the option (was exit 3)
        assertEquals(ExitCodes.USAGE, weights.code());
        assertTrue(weights.err().contains("--style-weights: 2 blend weight(s) for 1 style image(s)"), weights.err());
        assertEquals(1, weights.err().strip().lines().count(), weights.err());
    }
}
