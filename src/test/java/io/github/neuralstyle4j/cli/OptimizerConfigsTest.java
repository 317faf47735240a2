package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each optimiser and the average-pooling backbone run the style transfer end to end at a tiny size. */
class OptimizerConfigsTest {

    @ParameterizedTest
    @CsvSource({"config/adam.json, 6, 6", "config/ncg.json, 1, 6", "config/avgpool.json, 20, 20"})
    void runsAndLowersTheLoss(String config, int minEvaluations, int maxEvaluations, @TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("out.png");
        Path report = dir.resolve("report.json");
        CliTest.Run r = CliTest.run("stylize", "--config", config, "--size", "32", "--steps", "6", "--quiet",
                "--output", output.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(output.toFile());
        assertEquals(32, image.getHeight());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        int evaluations = json.get("evaluations").asInt();
        // Adam: one evaluation per step; NCG: at most the budget; L-BFGS: whole steps of max_iter (the seed's loop)
        assertTrue(evaluations >= minEvaluations && evaluations <= maxEvaluations, "evaluations " + evaluations);
        double first = json.get("losses").get(0).get("total").asDouble();
        double last = json.get("final").get("total").asDouble();
        // starting from the content image every optimiser makes the style loss fall within a few evaluations
        assertTrue(last < first, config + ": " + last + " vs " + first);
    }
}
