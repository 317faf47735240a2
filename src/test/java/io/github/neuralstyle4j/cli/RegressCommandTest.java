package io.github.neuralstyle4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code regress} end to end on the shipped suite. */
class RegressCommandTest {

    static final String SUITE = "src/test/resources/reference/suite.json";
    static final String BACKBONES = "target/regress-backbones";

    @Test
    void theShippedSuitePasses(@TempDir Path dir) throws Exception {
        // two of its cases, with their shipped tolerances (PyTorchReferenceTest runs them all)
        ObjectNode suite = (ObjectNode) new ObjectMapper().readTree(Path.of(SUITE).toFile());
        ArrayNode cases = suite.putArray("cases");
        for (var c : new ObjectMapper().readTree(Path.of(SUITE).toFile()).get("cases")) {
            String name = c.get("case").asText();
            if (name.equals("vgg16-gatys") || name.equals("resnet18-layer1")) {
                ((ObjectNode) c).put("case", Path.of(SUITE).toAbsolutePath().getParent().resolve(name).toString());
                cases.add(c);
            }
        }
        Path file = dir.resolve("two.json");
        new ObjectMapper().writeValue(file.toFile(), suite);
        CliTest.Run r = CliTest.run("regress", file.toString(), "--backbones", BACKBONES);
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("case"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("vgg16-gatys +gradient cosine vs float64 +(0\\.9999\\d+|1\\.0+) +>= 0\\.9999 +PASS")),
                r.out());
        assertTrue(r.out().contains("2 of 2 cases passed"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("resnet18-layer1 +gradient rel L2 vs float64 +\\S+ +<= 1e-5 +PASS")), r.out());
        assertFalse(r.out().contains("FAIL"), r.out());
    }

    @Test
    void aToleranceTooTightFailsWithItsOwnExitCode(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("tight.json");
        Path caseDir = Path.of("src/test/resources/reference/vgg19-random-seed").toAbsolutePath();
        // the losses of evaluations 1-20 agree with PyTorch's float64 run to about 5e-3 (float32 rounding, amplified by
        // L-BFGS): 1e-6 must fail
        Files.writeString(suite, "{\"cases\": [{\"case\": \"" + caseDir.toString().replace("\\", "\\\\") + "\","
                + " \"generate_backbone\": {\"preset\": \"vgg19\", \"seed\": 19},"
                + " \"tolerances\": {\"gradient_rel_l2\": 1e-3, \"losses\": [{\"evaluations\": 20, \"rel\": 1e-6}],"
                + " \"final_psnr\": 20}}]}");
        CliTest.Run r = CliTest.run("regress", suite.toString(), "--backbones", BACKBONES);
        assertEquals(ExitCodes.REGRESSION, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("vgg19-random-seed +losses vs f64, evals 1-20 +\\S+ +<= 1e-6 +FAIL")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("vgg19-random-seed +gradient cosine .* PASS")), r.out());
        assertTrue(r.out().contains("0 of 1 cases passed"), r.out());
    }

    @Test
    void otherWeightsThanTheReferencesFail(@TempDir Path dir) throws Exception {
        // the vgg16 case's reference on the VGG19 backbone: refused by the SHA-256 before anything runs
        Path suite = dir.resolve("wrong.json");
        Path caseDir = Path.of("src/test/resources/reference/vgg16-gatys").toAbsolutePath();
        Path backbone = Path.of(BACKBONES, "vgg19-random").toAbsolutePath();
        io.github.neuralstyle4j.backbone.VggBackboneGenerator.ensureDefault(backbone);
        Files.writeString(suite, "{\"cases\": [{\"case\": \"" + caseDir.toString().replace("\\", "\\\\")
                + "\", \"backbone\": \"" + backbone.toString().replace("\\", "\\\\") + "\"},"
                + " {\"case\": \"no-such-case\"}]}");
        CliTest.Run r = CliTest.run("regress", suite.toString());
        assertEquals(ExitCodes.REGRESSION, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("vgg16-gatys +backbone sha256 +3fdcc14d0d92 +"
                + "= aaf16a9b6a36 +FAIL")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("no-such-case +could not run +case folder not found.*FAIL")),
                r.out());
    }

    @Test
    void aBadSuiteIsAConfigError(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("bad.json");
        Files.writeString(suite, "{\"cases\": [{\"case\": \"x\", \"tolerance\": {}}]}");
        CliTest.Run r = CliTest.run("regress", suite.toString());
        assertEquals(ExitCodes.CONFIG, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("tolerance"), r.err());
    }
}
