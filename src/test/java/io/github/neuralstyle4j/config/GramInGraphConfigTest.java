package io.github.neuralstyle4j.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gram_in_graph}: absent means "on CUDA only"; true and false win over the device; bad values are errors. */
class GramInGraphConfigTest {

    private final StyleTransferConfig base = ConfigLoader.load(Path.of("config/seed.json"));

    @Test
    void absentFollowsTheDevice() {
        assertNull(base.gramInGraph());
        assertFalse(base.gramsInGraph());
        assertTrue(base.withDevice(DeviceSpec.cuda(0)).gramsInGraph());
    }

    @Test
    void anExplicitValueWinsOverTheDevice() {
        assertTrue(withField("true").gramsInGraph());
        assertFalse(withField("false").withDevice(DeviceSpec.cuda(1)).gramsInGraph());
    }

    @Test
    void roundTripsThroughJsonWithAndWithoutTheField() {
        assertEquals(base, ConfigLoader.parse(ConfigLoader.toJson(base), "json"));
        StyleTransferConfig on = withField("true");
        assertEquals(on, ConfigLoader.parse(ConfigLoader.toJson(on), "json"));
    }

    @Test
    void styleMasksKeepTheGramsOnTheHost() {
        StyleTransferConfig masks = ConfigLoader.load(Path.of("config/masks.json"));
        // on CUDA the default would put the Grams in the graph, where no mask can weigh the features
        assertFalse(masks.withDevice(DeviceSpec.cuda(0)).gramsInGraph());
        String json = ConfigLoader.toJson(masks).replaceFirst("\\{", "{ \"gram_in_graph\": true,");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(json, "masks.json"));
        assertTrue(e.getMessage().contains("gram_in_graph") && e.getMessage().contains("style masks"), e.getMessage());
    }

    @Test
    void aNonBooleanIsAnErrorNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> withField("\"yes\""));
        assertTrue(e.getMessage().contains("gram_in_graph"), e.getMessage());
    }

    private StyleTransferConfig withField(String value) {
        String json = ConfigLoader.toJson(base);
        return ConfigLoader.parse(json.replaceFirst("\\{", "{ \"gram_in_graph\": " + value + ","), "test.json");
    }
}
