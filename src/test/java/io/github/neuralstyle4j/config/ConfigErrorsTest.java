package io.github.neuralstyle4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad file, and the message it produces: source, JSON path, and what is wrong. */
class ConfigErrorsTest {

    /** A valid file; tests replace one piece of it. */
    private static final String VALID = """
            {
              "content": { "image": "c.png", "weight": 1, "layers": { "conv_4": 1 } },
              "style": { "images": ["s.png"], "weight": 1e6, "layers": { "conv_1": 1, "conv_2": 1 } },
              "steps": 300,
              "optimizer": { "max_iter": 20 }
            }
            """;

    private static ConfigException fails(String json) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, "config.json"));
    }

    /** {@link #VALID} with {@code from} replaced by {@code to}; fails the test if {@code from} is not there. */
    private static String valid(String from, String to) {
        assertTrue(VALID.contains(from), from);
        return VALID.replace(from, to);
    }

    private static void assertMessage(ConfigException e, String... parts) {
        String msg = e.getMessage();
        assertFalse(msg.contains("\n"), "one line: " + msg);
        for (String part : parts) {
            assertTrue(msg.contains(part), () -> "'" + part + "' missing from: " + msg);
        }
    }

    @Test
    void validBaseParses() {
        assertEquals(300, ConfigLoader.parse(VALID, "config.json").steps());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ConfigException e = fails(valid("\"steps\": 300,", "\"steps\": 300"));
        assertMessage(e, "config.json: line 5, column 3: malformed JSON");
        assertTrue(e.path().isEmpty());

        assertMessage(fails("{\n  \"steps\": 300,\n}"), "config.json: line 3, column 1: malformed JSON");
        assertMessage(fails("{\n  \"steps\": 30"), "config.json: line 2", "malformed JSON", "end-of-input");
    }

    @Test
    void duplicateKeysAndTrailingContentAreMalformed() {
        assertMessage(fails(valid("\"steps\": 300,", "\"steps\": 300, \"steps\": 10,")),
                "config.json: line 4", "malformed JSON", "Duplicate field 'steps'");
        // VALID ends with a newline, so the extra object sits on line 8
        assertMessage(fails(VALID + "\n{}"), "config.json: line 8, column 1: malformed JSON", "after the top-level");
    }

    @Test
    void documentMustBeAnObject() {
        assertMessage(fails("   "), "config.json: empty document");
        assertEquals("config.json: $: expected an object, got an array", fails("[1, 2]").getMessage());
    }

    @Test
    void unknownFieldIsNamedWithTheKnownFieldsAtItsLevel() {
        assertEquals("config.json: $.stpes: unknown field 'stpes'; known fields at $ are: backbone, content, "
                        + "device, gram_in_graph, init, max_memory_mb, normalize_gradients, optimizer, output, "
                        + "pictures, pooling, preserve_colors, schedule, seed, size, snapshots, steps, stop, style, "
                        + "threads, tiles, tv_weight",
                fails(valid("\"steps\"", "\"stpes\"")).getMessage());
        assertEquals("config.json: $.optimizer.lr: unknown field 'lr'; known fields at $.optimizer are: "
                        + "beta1, beta2, eps, formula, history_size, learning_rate, line_search, max_eval, max_iter, "
                        + "name, projected_gradient, tolerance_change, tolerance_grad",
                fails(valid("\"max_iter\"", "\"lr\"")).getMessage());
        assertMessage(fails(valid("\"weight\": 1e6,", "\"weight\": 1e6, \"layer\": {},")),
                "config.json: $.style.layer: unknown field 'layer'; known fields at $.style are: images, layers, "
                        + "normalize, scale, weight");
        // camelCase is not snake_case
        assertMessage(fails(valid("\"max_iter\"", "\"maxIter\"")), "$.optimizer.maxIter: unknown field 'maxIter'");
    }

    @Test
    void numbersInStringsAreNotNumbers() {
        assertEquals("config.json: $.steps: expected an integer, got the string \"300\"",
                fails(valid("\"steps\": 300", "\"steps\": \"300\"")).getMessage());
        assertMessage(fails(valid("\"weight\": 1e6", "\"weight\": \"1e6\"")),
                "config.json: $.style.weight: expected a number, got the string \"1e6\"");
        assertMessage(fails(valid("\"conv_2\": 1", "\"conv_2\": \"0.5\"")),
                "config.json: $.style.layers.conv_2: expected a number, got the string \"0.5\"");
        // Jackson reads the strings "NaN"/"Infinity" as doubles whatever the coercion settings; validation still
        // rejects them at their path
        assertTrue(fails(valid("\"conv_2\": 1", "\"conv_2\": \"NaN\"")).getMessage()
                .startsWith("config.json: $.style.layers.conv_2: "));
    }

    @Test
    void fractionsAndOtherTypesWhereAnIntegerBelongs() {
        assertEquals("config.json: $.steps: expected an integer, got 1.5",
                fails(valid("\"steps\": 300", "\"steps\": 1.5")).getMessage());
        assertMessage(fails(valid("\"steps\": 300", "\"steps\": 300.0")), "$.steps: expected an integer");
        assertMessage(fails(valid("\"steps\": 300", "\"steps\": true")), "$.steps: expected an integer", "got true");
        assertMessage(fails(valid("\"steps\": 300", "\"steps\": 99999999999")),
                "$.steps: expected an integer from -2147483648 to 2147483647, got 99999999999");
        assertMessage(fails(valid("\"max_iter\": 20", "\"max_iter\": [20]")),
                "$.optimizer.max_iter: expected an integer", "got an array");
    }

    @Test
    void containersOfTheWrongShape() {
        assertMessage(fails(valid("[\"s.png\"]", "\"s.png\"")),
                "config.json: $.style.images: expected an array, got the string \"s.png\"");
        assertMessage(fails(valid("{ \"conv_4\": 1 }", "[\"conv_4\"]")),
                "config.json: $.content.layers: expected an object, got an array");
        assertMessage(fails(valid("\"image\": \"c.png\"", "\"image\": 3")),
                "config.json: $.content.image: expected a string, got 3");
        assertMessage(fails(valid("[\"s.png\"]", "[\"s.png\", 7]")),
                "config.json: $.style.images[1]: expected a string or an object, got 7");
    }

    @Test
    void weightsMustBeFiniteAndNonNegative() {
        assertEquals("config.json: $.style.layers.conv_1: must be a finite number >= 0, got NaN",
                fails(valid("\"conv_1\": 1", "\"conv_1\": NaN")).getMessage());
        assertEquals("config.json: $.content.layers.conv_4: must be a finite number >= 0, got -0.5",
                fails(valid("\"conv_4\": 1", "\"conv_4\": -0.5")).getMessage());
        assertEquals("config.json: $.content.weight: must be a finite number >= 0, got -1",
                fails(valid("\"weight\": 1,", "\"weight\": -1,")).getMessage());
        assertEquals("config.json: $.style.weight: must be a finite number >= 0, got Infinity",
                fails(valid("\"weight\": 1e6", "\"weight\": Infinity")).getMessage());
        assertEquals("config.json: $.style.layers['features.0']: must be a finite number >= 0, got -Infinity",
                fails(valid("\"conv_2\": 1", "\"features.0\": -Infinity")).getMessage());
    }

    @Test
    void countsAndSizesMustBeInRange() {
        assertEquals("config.json: $.steps: must be >= 1, got 0",
                fails(valid("\"steps\": 300", "\"steps\": 0")).getMessage());
        assertEquals("config.json: $.threads: must be >= 0, got -2",
                fails(valid("\"steps\": 300", "\"steps\": 300, \"threads\": -2")).getMessage());
        assertEquals("config.json: $.optimizer.max_iter: must be >= 1, got 0",
                fails(valid("\"max_iter\": 20", "\"max_iter\": 0")).getMessage());
        assertEquals("config.json: $.optimizer.learning_rate: must be a finite number > 0, got 0",
                fails(valid("\"max_iter\": 20", "\"learning_rate\": 0")).getMessage());
    }

    @Test
    void layersAndImagesMustNotBeEmpty() {
        assertEquals("config.json: $.content.layers: must name at least one layer",
                fails(valid("{ \"conv_4\": 1 }", "{}")).getMessage());
        assertEquals("config.json: $.style.images: must list at least one image",
                fails(valid("[\"s.png\"]", "[]")).getMessage());
        assertEquals("config.json: $.style.images[1]: must be a non-empty string",
                fails(valid("[\"s.png\"]", "[\"s.png\", \" \"]")).getMessage());
        assertEquals("config.json: $.content.image: must be a non-empty string",
                fails(valid("\"image\": \"c.png\"", "\"image\": \"\"")).getMessage());
        assertEquals("config.json: $.content.layers['']: layer names must be non-empty strings",
                fails(valid("{ \"conv_4\": 1 }", "{ \"\": 1 }")).getMessage());
    }

    @Test
    void requiredFieldsAndNulls() {
        assertEquals("config.json: $.content.image: required field is missing",
                fails(valid("\"image\": \"c.png\",", "")).getMessage());
        assertEquals("config.json: $.style: required field is missing",
                fails("{ \"content\": { \"image\": \"c.png\", \"layers\": { \"conv_4\": 1 } } }").getMessage());
        assertMessage(fails(valid("\"max_iter\": 20", "\"max_iter\": null")),
                "config.json: $.optimizer.max_iter: must not be null");
        assertMessage(fails(valid("\"conv_1\": 1", "\"conv_1\": null")),
                "config.json: $.style.layers.conv_1: must not be null");
        assertMessage(fails(valid("[\"s.png\"]", "[null]")), "config.json: $.style.images[0]: must not be null");
    }

    @Test
    void closedChoicesListTheValidValues() {
        assertEquals("config.json: $.init: unknown value 'nois'; valid values are: content, noise, or "
                + "{ \"image\": \"path\" }", fails(valid("\"steps\": 300", "\"init\": \"nois\"")).getMessage());
        assertEquals("config.json: $.preserve_colors: unknown value 'luma'; valid values are: none, luminance, "
                + "histogram", fails(valid("\"steps\": 300", "\"preserve_colors\": \"luma\"")).getMessage());
        assertEquals("config.json: $.style.normalize: unknown value 'channels'; valid values are: none, gatys",
                fails(valid("\"weight\": 1e6", "\"weight\": 1e6, \"normalize\": \"channels\"")).getMessage());
        assertEquals("config.json: $.optimizer.name: unknown value 'sgd'; valid values are: lbfgs, adam, ncg",
                fails(valid("\"max_iter\": 20", "\"name\": \"sgd\"")).getMessage());
        assertEquals("config.json: $.optimizer.formula: unknown value 'hestenes'; valid values are: polak_ribiere, "
                + "fletcher_reeves", fails(valid("\"max_iter\": 20", "\"formula\": \"hestenes\"")).getMessage());
        assertEquals("config.json: $.pooling: unknown value 'min'; valid values are: max, avg",
                fails(valid("\"steps\": 300", "\"pooling\": \"min\", \"steps\": 300")).getMessage());
        assertEquals(Pooling.AVG, ConfigLoader.parse(
                valid("\"steps\": 300", "\"pooling\": \"avg\", \"steps\": 300"), "c.json").pooling());
        assertEquals("config.json: $.optimizer.line_search: unknown value 'wolfe'; valid values are: none, "
                + "strong_wolfe", fails(valid("\"max_iter\": 20", "\"line_search\": \"wolfe\"")).getMessage());
        assertEquals(OptimizerSpec.LineSearch.STRONG_WOLFE, ConfigLoader.parse(
                valid("\"max_iter\": 20", "\"line_search\": \"strong_wolfe\""), "c.json").optimizer().lineSearch());
    }

    @Test
    void errorsCarryTheirPartsSeparately() {
        ConfigException e = fails(valid("\"steps\": 300", "\"steps\": 0"));
        assertEquals("config.json", e.source().orElseThrow());
        assertEquals("$.steps", e.path().orElseThrow());
        assertEquals("must be >= 1, got 0", e.problem());
    }

    @Test
    void unknownLayersAreReportedAgainstTheBackbone() {
        StyleTransferConfig c = ConfigLoader.parse(valid("\"conv_2\": 1", "\"conv_99\": 1"), "config.json");
        List<String> layers = List.of("conv_1", "relu_1", "conv_2", "relu_2", "conv_3", "conv_4");

        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.checkLayers(c, layers, "config.json"));
        assertEquals("config.json: $.style.layers.conv_99: unknown layer 'conv_99'; this backbone's layers are: "
                + "conv_1, relu_1, conv_2, relu_2, conv_3, conv_4", e.getMessage());

        StyleTransferConfig gatys = ConfigLoader.load(Path.of("config/gatys.json"));
        assertMessage(assertThrows(ConfigException.class, () -> ConfigLoader.checkLayers(gatys, layers, "g.json")),
                "g.json: $.content.layers.conv4_2: unknown layer 'conv4_2'");

        ConfigLoader.checkLayers(ConfigLoader.parse(VALID, "config.json"), layers, "config.json");
    }

    @Test
    void unreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
