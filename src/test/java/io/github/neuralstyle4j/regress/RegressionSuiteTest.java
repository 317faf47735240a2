package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator.Preset;
import io.github.neuralstyle4j.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionSuiteTest {

    @Test
    void theShippedSuite() {
        RegressionSuite suite = RegressionSuite.load(PyTorchReferenceTest.SUITE);
        List<String> names = suite.cases().stream().map(RegressionSuite.Entry::name).toList();
        assertEquals(List.of("vgg19-random-seed", "vgg16-gatys"), names.subList(0, 2));
        RegressionSuite.Entry vgg16 = suite.cases().get(1);
        assertEquals(new RegressionSuite.BackboneRecipe(Preset.VGG16, 16), vgg16.recipe());
        assertEquals(PyTorchReferenceTest.SUITE.toAbsolutePath().getParent().resolve("vgg16-gatys"),
                vgg16.directory());
        assertEquals(2, vgg16.tolerances().losses().size());
        assertEquals(10, vgg16.tolerances().lossEvaluations());
    }

    @Test
    void defaultsAndRelativePaths(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("suites/s.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"cases\": [{\"case\": \"../cases/a\", \"backbone\": \"../bb/x\","
                + " \"tolerances\": {\"final_psnr\": 12}}]}");
        RegressionSuite.Entry e = RegressionSuite.load(file).cases().get(0);
        assertEquals("a", e.name());
        assertEquals(dir.resolve("cases/a").toAbsolutePath(), e.directory());
        assertEquals(dir.resolve("bb/x").toAbsolutePath(), e.backbone());
        assertNull(e.recipe());
        assertEquals(12.0, e.tolerances().finalPsnr());
        assertEquals(Tolerances.DEFAULT.gradientCosine(), e.tolerances().gradientCosine());
        assertEquals(Tolerances.DEFAULT.losses(), e.tolerances().losses());
        assertNull(e.tolerances().gradientRelL2Float64());
    }

    @Test
    void mistakesAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"cases\": [{\"case\": \"a\", \"tolerances\": {\"final_pnsr\": 12}}]}");
        RegressionException e = assertThrows(RegressionException.class, () -> RegressionSuite.load(file));
        assertTrue(e.getMessage().contains("final_pnsr"), e.getMessage());

        Files.writeString(file, "{\"cases\": [{\"case\": \"a\", \"generate_backbone\": {\"preset\": \"vgg11\","
                + " \"seed\": 1}}]}");
        e = assertThrows(RegressionException.class, () -> RegressionSuite.load(file));
        assertTrue(e.getMessage().contains("vgg11"), e.getMessage());

        Files.writeString(file, "{\"cases\": []}");
        assertThrows(RegressionException.class, () -> RegressionSuite.load(file));
        assertThrows(RegressionException.class, () -> RegressionSuite.load(dir.resolve("missing.json")));
    }

    /** A case whose config names a backbone folder relative to itself, like the residual case under backbones/. */
    @Test
    void aCaseBackboneIsFoundRelativeToTheCaseFolder(@TempDir Path dir) throws Exception {
        Path bb = Files.createDirectories(dir.resolve("backbones/resnet-like"));
        Files.writeString(bb.resolve(Backbone.MANIFEST), "{}");
        Path caseDir = Files.createDirectories(dir.resolve("reference/resnet-case"));
        var config = ConfigLoader.parse("{\"backbone\": \"../../backbones/resnet-like\","
                + " \"content\": {\"image\": \"content.png\", \"layers\": {\"conv1\": 1}},"
                + " \"style\": {\"images\": [\"style.png\"], \"layers\": {\"conv1\": 1}}}", "config.json");
        RegressionCase c = new RegressionCase(caseDir, config, null);
        var entry = new RegressionSuite.Entry("r", caseDir, null, null, Tolerances.DEFAULT);
        assertEquals(caseDir.resolve("../../backbones/resnet-like"),
                RegressionRunner.backboneFor(entry, c, RegressionRunner.Options.DEFAULT));
        // a suite's backbone replaces the config's
        var replaced = new RegressionSuite.Entry("r", caseDir, dir.resolve("other"), null, Tolerances.DEFAULT);
        assertEquals(dir.resolve("other"), RegressionRunner.backboneFor(replaced, c, RegressionRunner.Options.DEFAULT));
    }
}
