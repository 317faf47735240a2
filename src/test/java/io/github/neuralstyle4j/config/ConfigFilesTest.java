package io.github.neuralstyle4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped configuration files, and the defaults a minimal file gets; expected values are the tutorial's. */
class ConfigFilesTest {

    private static final String MINIMAL = """
            {
              "content": { "image": "builtin:landscape", "layers": { "conv_4": 1 } },
              "style": { "images": ["builtin:brushstrokes"],
                         "layers": { "conv_1": 1, "conv_2": 1, "conv_3": 1, "conv_4": 1, "conv_5": 1 } }
            }
            """;

    @Test
    void seedJsonHoldsTheTutorialRun() {
        StyleTransferConfig c = ConfigLoader.load(Path.of("config/seed.json"));

        assertEquals("onnx/vgg19-random", c.backbone());
        assertEquals("builtin:landscape", c.content().image());
        assertEquals(1.0, c.content().weight());
        assertEquals(List.of("conv_4"), List.copyOf(c.content().layers().keySet()));
        assertEquals(1.0, c.content().layers().get("conv_4"));
        assertEquals(List.of("builtin:brushstrokes"), c.style().imagePaths());
        assertEquals(1e6, c.style().weight());
        assertEquals(List.of("conv_1", "conv_2", "conv_3", "conv_4", "conv_5"),
                List.copyOf(c.style().layers().keySet()));
        c.style().layers().values().forEach(w -> assertEquals(1.0, w));
        assertTutorialRunSettings(c);
    }

    @Test
    void defaultJsonIsTheSeedRunWithAConvergingOptimiserAndTheBuiltinDefault() {
        StyleTransferConfig seed = ConfigLoader.load(Path.of("config/seed.json"));
        StyleTransferConfig def = ConfigLoader.load(Path.of("config/default.json"));
        // only how it optimises differs: strong Wolfe on the projected gradient, and the stop rule
        assertEquals(OptimizerSpec.LineSearch.STRONG_WOLFE, def.optimizer().lineSearch());
        assertEquals(true, def.optimizer().projectedGradient());
        assertEquals(new StopRule(0, 0.002, 20), def.stop());
        OptimizerSpec o = def.optimizer();
        assertEquals(seed.optimizer(), new OptimizerSpec(o.name(), o.learningRate(), o.maxIter(), o.maxEval(),
                o.toleranceGrad(), o.toleranceChange(), o.historySize(), OptimizerSpec.LineSearch.NONE, o.beta1(),
                o.beta2(), o.eps(), o.formula(), false));
        assertEquals(seed, def.toBuilder().optimizer(seed.optimizer()).stop(StopRule.NONE).build());
        // what stylize runs without --config
        assertEquals(def, BuiltinDefault.config());
    }

    @Test
    void gatysJsonHoldsThePaperLayers() {
        StyleTransferConfig c = ConfigLoader.load(Path.of("config/gatys.json"));

        assertEquals(Map.of("conv4_2", 1.0), c.content().layers());
        assertEquals(List.of("conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"),
                List.copyOf(c.style().layers().keySet()));
        c.style().layers().values().forEach(w -> assertEquals(1.0, w));
        assertEquals(1.0, c.content().weight());
        assertEquals(1e6, c.style().weight());
        assertEquals("builtin:landscape", c.content().image());
        assertEquals(List.of("builtin:brushstrokes"), c.style().imagePaths());
        assertEquals("onnx/vgg19-random", c.backbone());
        assertTutorialRunSettings(c);
    }

    @Test
    void minimalConfigGetsTheTutorialDefaults() {
        StyleTransferConfig c = ConfigLoader.parse(MINIMAL, "minimal.json");

        assertEquals("onnx/vgg19-random", c.backbone());
        assertEquals(1.0, c.content().weight());
        assertEquals(1e6, c.style().weight());
        assertTutorialRunSettings(c);
        // the same run as the shipped file, which spells every default out
        assertEquals(ConfigLoader.load(Path.of("config/seed.json")), c);
    }

    @Test
    void maxEvalFollowsMaxIterWhenLeftOutAsInPyTorch() {
        String json = MINIMAL.replaceFirst("\\{", "{ \"optimizer\": { \"max_iter\": 40 },");
        StyleTransferConfig c = ConfigLoader.parse(json, "c.json");
        assertEquals(40, c.optimizer().maxIter());
        assertEquals(50, c.optimizer().maxEval());
        assertEquals(100, c.optimizer().historySize());
    }

    @Test
    void layersKeepTheFileOrderAndCannotBeModified() {
        StyleTransferConfig c = ConfigLoader.parse("""
                { "content": { "image": "a.png", "layers": { "z": 0.5, "a": 2, "m": 0 } },
                  "style": { "images": ["b.png", "c.png"], "layers": { "relu_5": 3, "conv_1": 1e-3 } } }
                """, "c.json");

        assertEquals(List.of("z", "a", "m"), List.copyOf(c.content().layers().keySet()));
        assertEquals(List.of(0.5, 2.0, 0.0), List.copyOf(c.content().layers().values()));
        assertEquals(List.of("relu_5", "conv_1"), List.copyOf(c.style().layers().keySet()));
        assertEquals(1e-3, c.style().layers().get("conv_1"));
        assertThrows(UnsupportedOperationException.class, () -> c.style().layers().put("x", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> c.style().images().add(StyleImage.of("x")));
    }

    @Test
    void toJsonReadsBackToAnEqualConfig() {
        StyleTransferConfig c = ConfigLoader.load(Path.of("config/gatys.json"))
                .withDevice(DeviceSpec.cuda(1))
                .withSize(300)
                .withSeed(-7);
        String json = ConfigLoader.toJson(c);

        StyleTransferConfig back = ConfigLoader.parse(json, "dump.json");
        assertEquals(c, back);
        assertEquals(List.copyOf(c.style().layers().keySet()), List.copyOf(back.style().layers().keySet()));
    }

    /** Everything but the images, layers and loss weights, as the tutorial runs it. */
    private static void assertTutorialRunSettings(StyleTransferConfig c) {
        assertEquals(128, c.size().cpu());
        assertEquals(512, c.size().cuda());
        assertEquals(300, c.steps());
        assertEquals(InitImage.CONTENT, c.init());
        assertEquals(0L, c.seed());
        OptimizerSpec o = c.optimizer();
        assertEquals(OptimizerSpec.Algorithm.LBFGS, o.name());
        assertEquals(1.0, o.learningRate());
        assertEquals(20, o.maxIter());
        assertEquals(25, o.maxEval());
        assertEquals(1e-7, o.toleranceGrad());
        assertEquals(1e-9, o.toleranceChange());
        assertEquals(100, o.historySize());
        assertEquals(OptimizerSpec.LineSearch.NONE, o.lineSearch());
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CPU, 0), c.device());
        assertEquals(0, c.threads());
        assertEquals("stylized.png", c.output());
    }
}
