package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config's stop rule on real runs at 32 px: what the report says and which image is written. */
class StopRuleRunTest {

    private static JsonNode run(Path dir, String stop, String optimizer) throws Exception {
        String seed = Files.readString(Path.of("config/seed.json"));
        Path config = dir.resolve("c.json");
        Files.writeString(config, seed.replaceFirst("\"steps\": 300,", "\"steps\": 300, \"stop\": " + stop + ",")
                .replaceFirst("\"line_search\": \"none\"", optimizer));
        Path report = dir.resolve("r.json");
        CliTest.Run r = CliTest.run("stylize", "--config", config.toString(), "--size", "32", "--threads", "1",
                "--output", dir.resolve("o.png").toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(report.toFile());
    }

    @Test
    void maxEvaluationsIsExactEvenInTheMiddleOfAnLbfgsStep(@TempDir Path dir) throws Exception {
        // 7 is inside torch's first step of 20 evaluations, where the seed's loop could not stop
        JsonNode report = run(dir, "{ \"max_evaluations\": 7 }", "\"line_search\": \"none\"");
        assertEquals(7, report.get("evaluations").asInt());
        assertEquals(7, report.get("losses").size());
        assertTrue(report.get("stop_rule").asText().contains("7 evaluations"), report.toString());
        assertWritesTheBestEvaluation(report);
    }

    @Test
    void aLooseImprovementRuleStopsEarly(@TempDir Path dir) throws Exception {
        // demanding a 50 % gain every 3 evaluations: a run started from the content gains that at first, not for long
        JsonNode report = run(dir, "{ \"min_improvement\": 0.5, \"window\": 3 }", "\"line_search\": \"strong_wolfe\"");
        int n = report.get("evaluations").asInt();
        assertTrue(n > 3 && n < 40, "evaluations " + n);
        assertTrue(report.get("stop_rule").asText().contains("over the last 3 evaluations"), report.toString());
        // the rule itself, recomputed from the reported losses: it held at the last evaluation and at no earlier one
        double[] best = bestSoFar(report);
        for (int k = 4; k <= n; k++) {
            boolean met = best[k - 4] - best[k - 1] < 0.5 * best[k - 4];
            assertEquals(k == n, met, "evaluation " + k);
        }
        assertWritesTheBestEvaluation(report);
    }

    private static double[] bestSoFar(JsonNode report) {
        double[] totals = StreamSupport.stream(report.get("losses").spliterator(), false)
                .mapToDouble(l -> l.get("total").asDouble()).toArray();
        for (int i = 1; i < totals.length; i++) {
            totals[i] = Math.min(totals[i], totals[i - 1]);
        }
        return totals;
    }

    private static void assertWritesTheBestEvaluation(JsonNode report) {
        double[] best = bestSoFar(report);
        double written = report.get("final").get("total").asDouble();
        assertEquals(best[best.length - 1], written, 0, "the written image is the best evaluated one");
        assertTrue(report.get("image_from").asText().startsWith("evaluation "), report.toString());
    }
}
