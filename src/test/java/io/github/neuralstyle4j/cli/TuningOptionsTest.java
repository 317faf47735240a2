package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each tuning option checked by its effect on a real run at 32 px: either against arithmetic on the first
 * evaluation's losses (which all runs evaluate at the same start point, so a weight scales its term exactly), or
 * as the same run as a config file that sets the field, and a different run from the one without it.
 */
class TuningOptionsTest {

    @TempDir
    Path dir;
    private int runs;

    /** The report of {@code stylize} at 32 px, one thread, with {@code args}. */
    private JsonNode run(String... args) throws IOException {
        return runWithOutput(args).report;
    }

    private record Finished(JsonNode report, CliTest.Run run, Path image) {
    }

    private Finished runWithOutput(String... args) throws IOException {
        int n = runs++;
        Path report = dir.resolve("r" + n + ".json");
        Path image = dir.resolve("o" + n + ".png");
        List<String> all = new ArrayList<>(List.of("stylize", "--threads", "1", "--output", image.toString(),
                "--report", report.toString()));
        all.addAll(Arrays.asList(args));
        if (!all.contains("--max-side")) {
            all.addAll(List.of("--size", "32"));
        }
        CliTest.Run r = CliTest.run(all.toArray(String[]::new));
        assertEquals(0, r.code(), String.join(" ", all) + ": " + r.err());
        return new Finished(new ObjectMapper().readTree(report.toFile()), r, image);
    }

    /** config/seed.json with {@code from} replaced by {@code to}, as a file. */
    private String seedWith(String from, String to) throws IOException {
        String seed = Files.readString(Path.of("config/seed.json"));
        assertTrue(seed.contains(from), from);
        Path file = dir.resolve("c" + runs++ + ".json");
        Files.writeString(file, seed.replace(from, to));
        return file.toString();
    }

    private static double first(JsonNode report, String term) {
        return report.get("losses").get(0).get(term).asDouble();
    }

    private static List<Double> totals(JsonNode report) {
        List<Double> totals = new ArrayList<>();
        report.get("losses").forEach(l -> totals.add(l.get("total").asDouble()));
        return totals;
    }

    // the first evaluation, from noise (so that the content loss is not 0), for the weight and layer options
    private JsonNode firstFromNoise(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--config", "config/seed.json", "--init", "noise",
                "--max-evaluations", "1", "--quiet"));
        all.addAll(Arrays.asList(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void withoutConfigTheBuiltinDefaultRuns() throws IOException {
        JsonNode none = run("--content", "builtin:landscape", "--style", "builtin:brushstrokes",
                "--max-evaluations", "6", "--quiet");
        JsonNode file = run("--config", "config/default.json", "--max-evaluations", "6", "--quiet");
        assertEquals(6, none.get("evaluations").asInt());
        assertEquals(totals(file), totals(none));
    }

    @Test
    void weightsScaleTheirTermExactly() throws IOException {
        JsonNode base = firstFromNoise();
        JsonNode content = firstFromNoise("--content-weight", "5");
        JsonNode style = firstFromNoise("--style-weight", "2e6");
        assertTrue(first(base, "content") > 0 && first(base, "style") > 0, base.toString());
        // weight × mse in double: exact up to double rounding of one product
        assertEquals(5 * first(base, "content"), first(content, "content"), 1e-12 * first(content, "content"));
        assertEquals(first(base, "style"), first(content, "style"), 0);
        assertEquals(2 * first(base, "style"), first(style, "style"), 1e-12 * first(style, "style"));
        assertEquals(first(base, "content"), first(style, "content"), 0);
    }

    @Test
    void layerListsChooseTheLayersAndTheirWeights() throws IOException {
        double conv4 = first(firstFromNoise("--content-layers", "conv_4"), "content");
        double conv3 = first(firstFromNoise("--content-layers", "conv_3"), "content");
        assertNotEquals(conv3, conv4);
        assertEquals(2 * conv4, first(firstFromNoise("--content-layers", "conv_4:2"), "content"), 1e-12 * conv4);
        assertEquals(conv3 + conv4, first(firstFromNoise("--content-layers", "conv_3,conv_4"), "content"),
                1e-9 * (conv3 + conv4)); // a sum of two doubles: a few ulps

        double style1 = first(firstFromNoise("--style-layers", "conv_1"), "style");
        double style2 = first(firstFromNoise("--style-layers", "conv_2"), "style");
        assertEquals(style1 + 0.5 * style2, first(firstFromNoise("--style-layers", "conv_1,conv_2:0.5"), "style"),
                1e-9 * style1);
        // the seed's five style layers, named the other way
        assertEquals(first(firstFromNoise(), "style"),
                first(firstFromNoise("--style-layers", "conv1_1,conv1_2,conv2_1,conv2_2,conv3_1"), "style"), 0);
    }

    @Test
    void optimizerChoosesTheAlgorithmAndItsDefaultRate() throws IOException {
        // the seed's loop makes a whole L-BFGS step of 20 evaluations; Adam and NCG make exactly their budget
        assertEquals(20, run("--config", "config/seed.json", "--steps", "3", "--quiet").get("evaluations").asInt());
        JsonNode adam = run("--config", "config/seed.json", "--optimizer", "adam", "--steps", "3", "--quiet");
        assertEquals(3, adam.get("evaluations").asInt());
        assertEquals(3, run("--config", "config/seed.json", "--optimizer", "ncg", "--steps", "3", "--quiet")
                .get("evaluations").asInt());
        // switching to Adam takes Adam's default learning rate, as a config naming adam without a rate does
        JsonNode file = run("--config", seedWith("\"name\": \"lbfgs\", \"learning_rate\": 1,", "\"name\": \"adam\","),
                "--steps", "3", "--quiet");
        assertEquals(totals(file), totals(adam));
        JsonNode faster = run("--config", "config/seed.json", "--optimizer", "adam", "--learning-rate", "0.05",
                "--steps", "3", "--quiet");
        JsonNode fasterFile = run("--config", seedWith("\"name\": \"lbfgs\", \"learning_rate\": 1,",
                "\"name\": \"adam\", \"learning_rate\": 0.05,"), "--steps", "3", "--quiet");
        assertEquals(totals(fasterFile), totals(faster));
        assertNotEquals(totals(adam).get(1), totals(faster).get(1));
    }

    @Test
    void lineSearchHistorySizePoolingAndNormalisationAreTheConfigFields() throws IOException {
        String[] budget = {"--max-evaluations", "12", "--quiet"};
        JsonNode seed = run(concat(new String[] {"--config", "config/seed.json"}, budget));
        String[][] cases = {
                {"--line-search", "strong_wolfe", "\"line_search\": \"none\"", "\"line_search\": \"strong_wolfe\""},
                {"--history-size", "1", "\"history_size\": 100", "\"history_size\": 1"},
                {"--pooling", "avg", "\"device\": \"cpu\",", "\"device\": \"cpu\", \"pooling\": \"avg\","},
                {"--normalize-gradients", null, "\"device\": \"cpu\",", "\"device\": \"cpu\", \"normalize_gradients\": true,"},
        };
        for (String[] c : cases) {
            String[] flag = c[1] == null ? new String[] {c[0]} : new String[] {c[0], c[1]};
            JsonNode byFlag = run(concat(concat(new String[] {"--config", "config/seed.json"}, flag), budget));
            JsonNode byFile = run(concat(new String[] {"--config", seedWith(c[2], c[3])}, budget));
            assertEquals(totals(byFile), totals(byFlag), c[0]);
            assertNotEquals(totals(seed), totals(byFlag), c[0] + " changed nothing");
        }
    }

    @Test
    void printEverySetsTheLossLinesAndZeroSilencesThem() throws IOException {
        assertEquals(4, lossLines("--print-every", "5"));
        assertEquals(0, lossLines("--print-every", "0"));
        assertEquals(0, lossLines()); // the seed's 50: none in 20 evaluations
    }

    private long lossLines(String... args) throws IOException {
        CliTest.Run r = runWithOutput(concat(new String[] {"--config", "config/seed.json", "--max-evaluations", "20"},
                args)).run;
        return r.out().lines().filter(l -> l.startsWith("run [")).count();
    }

    @Test
    void maxSideSetsTheLongerSideAndSizeTheShorter() throws IOException {
        // builtin:landscape is 512×384
        Finished longer = runWithOutput("--config", "config/seed.json", "--max-side", "64", "--max-evaluations", "1",
                "--quiet");
        BufferedImage image = ImageIO.read(longer.image.toFile());
        assertEquals(64, image.getWidth());
        assertEquals(48, image.getHeight());
        Finished shorter = runWithOutput("--config", "config/seed.json", "--max-evaluations", "1", "--quiet");
        assertEquals(32, ImageIO.read(shorter.image.toFile()).getHeight());
    }

    @Test
    void maxSideRoundsDownWhereTheAspectRatioForbidsTheExactSide() {
        // 300×200 at max side 100: shorter 66 gives int(66·300/200) = 99, shorter 67 gives 100
        assertEquals(67, TuningOptions.shorterSideFor(300, 200, 100));
        // 7×3 at max side 20: shorter 8 gives int(8·7/3) = 18, 9 gives 21 > 20
        assertEquals(8, TuningOptions.shorterSideFor(7, 3, 20));
        assertEquals(50, TuningOptions.shorterSideFor(50, 50, 50));
    }

    @Test
    void maxEvaluationsIsExactAndStepsKeepsTheSeedsLoop() throws IOException {
        assertEquals(7, run("--config", "config/seed.json", "--max-evaluations", "7", "--quiet")
                .get("evaluations").asInt());
        // --steps clears a budget the file sets and runs the seed's loop: steps 1 starts one step of 20
        String budgeted = seedWith("\"steps\": 300,", "\"steps\": 300, \"stop\": { \"max_evaluations\": 5 },");
        assertEquals(5, run("--config", budgeted, "--quiet").get("evaluations").asInt());
        assertEquals(20, run("--config", budgeted, "--steps", "1", "--quiet").get("evaluations").asInt());
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        String[][] bad = {
                {"--optimizer", "sgd"}, {"--line-search", "armijo"}, {"--pooling", "min"},
                {"--content-layers", "conv_4:x"}, {"--style-layers", "conv_1,conv_1"}, {"--max-evaluations", "0"},
                {"--print-every", "-1"}, {"--history-size", "0"}, {"--learning-rate", "-1"},
        };
        for (String[] b : bad) {
            CliTest.Run r = CliTest.run(concat(new String[] {"stylize", "--output", dir.resolve("x.png").toString()},
                    b));
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().contains(b[0].split("/")[0]), r.err());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
