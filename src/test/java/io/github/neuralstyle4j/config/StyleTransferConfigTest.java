package io.github.neuralstyle4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy methods the command line uses for its overrides, and the records' own validation. */
class StyleTransferConfigTest {

    private final StyleTransferConfig base = ConfigLoader.load(Path.of("config/seed.json"));

    @Test
    void eachOverrideChangesOnlyItsField() {
        assertEquals("x.jpg", base.withContentImage("x.jpg").content().image());
        assertEquals(base.content().layers(), base.withContentImage("x.jpg").content().layers());
        assertEquals(List.of("a.png", "b.png"), base.withStyleImages(List.of("a.png", "b.png")).style().imagePaths());
        assertEquals(1e6, base.withStyleImages(List.of("a.png")).style().weight());
        assertEquals("out.png", base.withOutput("out.png").output());
        assertEquals(new ImageSize(64, 64), base.withSize(64).size());
        assertEquals(42, base.withSteps(42).steps());
        assertEquals("onnx/other", base.withBackbone("onnx/other").backbone());
        assertEquals(DeviceSpec.cuda(1), base.withDevice(DeviceSpec.cuda(1)).device());
        assertEquals(4, base.withThreads(4).threads());
        assertEquals(9L, base.withSeed(9).seed());

        StyleTransferConfig changed = base.withSteps(42);
        assertEquals(base, changed.withSteps(300));
        assertNotEquals(base, changed);
    }

    @Test
    void stopRuleAndGradientNormalisationAreReadAndChecked() {
        StyleTransferConfig c = ConfigLoader.parse("""
                { "content": { "image": "a.png", "layers": { "conv_4": 1 } },
                  "style": { "images": ["b.png"], "layers": { "conv_1": 1 } },
                  "stop": { "max_evaluations": 90, "min_improvement": 0.002 }, "normalize_gradients": true }
                """, "c.json");
        assertEquals(new StopRule(90, 0.002, StopRule.DEFAULT_WINDOW), c.stop());
        assertEquals(true, c.normalizeGradients());
        // normalising needs the feature gradients on the host: not in the graph by default on CUDA, an error if asked
        assertEquals(false, c.withDevice(DeviceSpec.cuda(0)).gramsInGraph());
        assertEquals("$.normalize_gradients: cannot be combined with gram_in_graph: the normalisation needs each"
                + " layer's feature gradient, which stays inside the graph then",
                assertThrows(ConfigException.class, () -> c.toBuilder().gramInGraph(true).build()).getMessage());
        assertEquals("c.json: $.stop.window: must be >= 1, got 0", assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("""
                        { "content": { "image": "a.png", "layers": { "conv_4": 1 } },
                          "style": { "images": ["b.png"], "layers": { "conv_1": 1 } }, "stop": { "window": 0 } }
                        """, "c.json")).getMessage());
        assertEquals(StopRule.NONE, base.stop());
        assertEquals(false, base.normalizeGradients());
    }

    @Test
    void overridesAreValidatedWithPathsFromTheTop() {
        assertEquals("$.steps: must be >= 1, got 0",
                assertThrows(ConfigException.class, () -> base.withSteps(0)).getMessage());
        assertEquals("$.size: must be between 16 and 16384, got 15",
                assertThrows(ConfigException.class, () -> base.withSize(15)).getMessage());
        assertEquals("$.style.images: must list at least one image",
                assertThrows(ConfigException.class, () -> base.withStyleImages(List.of())).getMessage());
        assertEquals("$.content.image: must be a non-empty string",
                assertThrows(ConfigException.class, () -> base.withContentImage(" ")).getMessage());
        assertEquals("$.threads: must be >= 0, got -1",
                assertThrows(ConfigException.class, () -> base.withThreads(-1)).getMessage());
        assertEquals("$.output: must be a non-empty string",
                assertThrows(ConfigException.class, () -> base.withOutput("")).getMessage());
    }

    @Test
    void recordsCopyWhatTheyAreGiven() {
        Map<String, Double> layers = new LinkedHashMap<>(Map.of("conv_4", 1.0));
        List<StyleImage> images = new ArrayList<>(List.of(StyleImage.of("s.png")));
        ContentSpec content = new ContentSpec("c.png", 1, layers);
        StyleSpec style = new StyleSpec(images, 1e6, layers);
        layers.put("conv_5", 2.0);
        images.add(StyleImage.of("t.png"));

        assertEquals(Map.of("conv_4", 1.0), content.layers());
        assertEquals(Map.of("conv_4", 1.0), style.layers());
        assertEquals(List.of("s.png"), style.imagePaths());
    }

    @Test
    void defaultsInCodeMatchTheTutorialFile() {
        StyleTransferConfig fromCode = StyleTransferConfig.defaults(base.content(), base.style());
        assertEquals(base, fromCode);
    }
}
