package io.github.neuralstyle4j.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fields of issue 7's user controls: blend weights, style scale, colours, start image, TV, normalisation. */
class ControlFieldsTest {

    private static final String BASE = """
            { "content": { "image": "c.png", "layers": { "conv_4": 1 } },
              "style": { "images": ["s.png"], "weight": 1e6, "layers": { "conv_1": 1 } } }
            """;

    private static StyleTransferConfig parse(String from, String to) {
        String json = BASE.replace(from, to);
        if (json.equals(BASE)) {
            throw new AssertionError("replacement did not apply: " + from);
        }
        return ConfigLoader.parse(json, "config.json");
    }

    private static String error(String from, String to) {
        return assertThrows(ConfigException.class, () -> parse(from, to)).getMessage();
    }

    @Test
    void leftOutFieldsKeepTheSeedsBehaviour() {
        StyleTransferConfig c = ConfigLoader.parse(BASE, "config.json");
        assertEquals(List.of(StyleImage.of("s.png")), c.style().images());
        assertNull(c.style().scale());
        assertEquals(StyleNormalization.NONE, c.style().normalize());
        assertEquals(PreserveColors.NONE, c.preserveColors());
        assertEquals(InitImage.CONTENT, c.init());
        assertEquals(0.0, c.tvWeight());
    }

    @Test
    void styleImagesMixStringsAndWeightedObjectsAndTheWeightsAreNormalised() {
        StyleTransferConfig c = parse("[\"s.png\"]",
                "[\"a.png\", { \"image\": \"b.png\", \"weight\": 3 }, { \"image\": \"d.png\" }]");
        assertEquals(List.of(new StyleImage("a.png", 1), new StyleImage("b.png", 3), new StyleImage("d.png", 1)),
                c.style().images());
        // 1, 3, 1 over their sum 5
        assertArrayEquals(new double[] {0.2, 0.6, 0.2}, c.style().blendWeights(), 1e-15);
    }

    @Test
    void badBlendWeightsAreNamed() {
        assertEquals("config.json: $.style.images[0].weight: must be a finite number >= 0, got -1",
                error("[\"s.png\"]", "[{ \"image\": \"a.png\", \"weight\": -1 }]"));
        assertEquals("config.json: $.style.images: the blend weights must not all be 0",
                error("[\"s.png\"]", "[{ \"image\": \"a.png\", \"weight\": 0 }]"));
        assertEquals("config.json: $.style.images[0].image: required field is missing",
                error("[\"s.png\"]", "[{ \"weight\": 2 }]"));
    }

    @Test
    void styleScaleIsBounded() {
        assertEquals(0.5, parse("\"weight\": 1e6", "\"weight\": 1e6, \"scale\": 0.5").style().scale());
        assertEquals("config.json: $.style.scale: must be between 0.05 and 8, got 0",
                error("\"weight\": 1e6", "\"weight\": 1e6, \"scale\": 0"));
    }

    @Test
    void initIsContentNoiseOrAnImage() {
        assertEquals(InitImage.NOISE, parse("{ \"content\"", "{ \"init\": \"noise\", \"content\"").init());
        assertEquals(InitImage.ofImage("start.png"),
                parse("{ \"content\"", "{ \"init\": { \"image\": \"start.png\" }, \"content\"").init());
        assertEquals("config.json: $.init.image: must be a non-empty string",
                error("{ \"content\"", "{ \"init\": { \"image\": \"\" }, \"content\""));
    }

    @Test
    void tvWeightMustBeFiniteAndNonNegative() {
        assertEquals(1e-3, parse("{ \"content\"", "{ \"tv_weight\": 1e-3, \"content\"").tvWeight());
        assertEquals("config.json: $.tv_weight: must be a finite number >= 0, got -1",
                error("{ \"content\"", "{ \"tv_weight\": -1, \"content\""));
    }

    @Test
    void everyNewFieldSurvivesAJsonRoundTrip() {
        StyleTransferConfig c = parse("{ \"content\"", """
                { "init": { "image": "start.png" }, "preserve_colors": "histogram", "tv_weight": 0.25, "content\"""")
                .withStyleImages(List.of("a.png", "b.png"))
                .withStyleWeights(List.of(1.0, 2.5))
                .withStyleScale(1.5);
        c = c.toBuilder().style(new StyleSpec(c.style().images(), 10, c.style().layers(), 1.5,
                StyleNormalization.GATYS)).build();
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "dump.json"));
        StyleTransferConfig noise = c.toBuilder().init(InitImage.NOISE).build();
        assertEquals(noise, ConfigLoader.parse(ConfigLoader.toJson(noise), "dump.json"));
    }

    @Test
    void styleWeightsOverrideNeedsOnePerImage() {
        StyleTransferConfig c = ConfigLoader.parse(BASE, "config.json");
        assertEquals("$.style.images: 2 blend weight(s) for 1 style image(s)",
                assertThrows(ConfigException.class, () -> c.withStyleWeights(List.of(1.0, 2.0))).getMessage());
    }

    @Test
    void gatysNormalisationFactorIsChannelsSquaredOverFour() {
        // E = Σ(FFᵀ−SSᵀ)²/(4C²M²) versus the seed's Σ(FFᵀ−SSᵀ)²/(C⁴M²): the ratio is C²/4
        assertEquals(64.0 * 64 / 4, StyleNormalization.GATYS.factor(64));
        assertEquals(1.0, StyleNormalization.NONE.factor(512));
    }
}
