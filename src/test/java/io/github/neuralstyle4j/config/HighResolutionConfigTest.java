package io.github.neuralstyle4j.config;

import io.github.neuralstyle4j.api.Tiling;
import io.github.neuralstyle4j.image.Resize;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config's {@code tiles}, {@code content.crop} and {@code max_memory_mb}: read, checked, written back. */
class HighResolutionConfigTest {

    private static StyleTransferConfig parse(String content, String rest) {
        return ConfigLoader.parse("{ \"content\": { \"image\": \"a.png\", \"layers\": { \"conv_4\": 1 }" + content
                + " }, \"style\": { \"images\": [\"b.png\"], \"layers\": { \"conv_1\": 1 } }" + rest + " }", "c.json");
    }

    private static String error(String content, String rest) {
        return assertThrows(ConfigException.class, () -> parse(content, rest)).getMessage();
    }

    @Test
    void tilesCropAndMemoryAreReadAndRoundTrip() {
        StyleTransferConfig c = parse(", \"crop\": \"16:9\"",
                ", \"tiles\": { \"grid\": \"5x1\", \"overlap\": 64, \"dir\": \"work/tiles\" }, \"max_memory_mb\": 16000");
        assertEquals(new Tiling(Tiling.Mode.GRID, 5, 1, 64, true, Path.of("work/tiles"), Tiling.Target.AUTO),
                c.tiles().tiling());
        assertEquals(16000, c.maxMemoryMb());
        assertEquals(new AspectCrop(16, 9), c.content().aspectCrop());
        assertEquals(c, ConfigLoader.parse(ConfigLoader.toJson(c), "written"));

        // left out: no tiles, the memory available, no crop; a tiles section without a grid means auto
        StyleTransferConfig plain = parse("", "");
        assertTrue(plain.tiles().isOff());
        assertEquals(0, plain.maxMemoryMb());
        assertEquals(null, plain.content().aspectCrop());
        assertEquals(plain, ConfigLoader.parse(ConfigLoader.toJson(plain), "written"));
        assertEquals(Tiling.Mode.AUTO, parse("", ", \"tiles\": {}").tiles().tiling().mode());
    }

    @Test
    void badValuesAreNamedWithTheirPath() {
        assertTrue(error("", ", \"tiles\": { \"grid\": \"2by2\" }").startsWith("c.json: $.tiles.grid: must be \"off\","
                + " \"auto\" or \"CxR\""));
        assertEquals("c.json: $.tiles.overlap: tile overlap must be >= 8, got 2",
                error("", ", \"tiles\": { \"overlap\": 2 }"));
        assertTrue(error("", ", \"tiles\": { \"grid\": \"off\", \"dir\": \"t\" }").startsWith("c.json: $.tiles.dir:"));
        assertTrue(error(", \"crop\": \"16-9\"", "").startsWith("c.json: $.content.crop: takes W:H"));
        assertTrue(error(", \"crop\": \"0:9\"", "").startsWith("c.json: $.content.crop: takes W:H"));
        assertTrue(error("", ", \"max_memory_mb\": -1").startsWith("c.json: $.max_memory_mb:"));
        assertEquals("t.json: $.tiles: tiles do not combine with masks or texture synthesis yet",
                assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                { "content": { "image": "none", "width": 64, "height": 64 },
                  "style": { "images": ["b.png"], "layers": { "conv_1": 1 } }, "tiles": { "grid": "auto" } }
                """, "t.json")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                { "content": { "image": "none", "width": 64, "height": 64, "crop": "1:1" },
                  "style": { "images": ["b.png"], "layers": { "conv_1": 1 } } }
                """, "t.json")).getMessage().startsWith("t.json: $.content.crop: a texture"));
    }

    @Test
    void aCropIsTheLargestCentredRegionOfItsRatio() {
        // worked by hand: 384·16/9 = 682.7 > 512, so the width stays and the height is 512·9/16 = 288
        assertEquals(new Resize.Size(512, 288), new AspectCrop(16, 9).of(new Resize.Size(512, 384)));
        assertEquals(new Resize.Size(384, 384), new AspectCrop(1, 1).of(new Resize.Size(512, 384)));
        assertEquals(new Resize.Size(1024, 768), new AspectCrop(4, 3).of(new Resize.Size(1024, 768)));
        // 1080·9/16 = 607.5, rounded half up
        assertEquals(new Resize.Size(608, 1080), new AspectCrop(9, 16).of(new Resize.Size(1920, 1080)));
    }
}
