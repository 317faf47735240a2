package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every shipped {@code config/*.json}, found by listing the folder (so new configs are covered without editing
 * this test), runs through the real command line at 48 px with a 5-evaluation budget and writes an image of the
 * content's size.
 */
class ExampleConfigsTest {

    private static final int SIZE = 48;

    private static List<Path> configs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyExampleConfigRunsAndWritesAnImage(@TempDir Path dir) throws IOException {
        List<Path> configs = configs();
        // the seed's two and at least one per feature group
        assertFalse(configs.size() < 2, "configs found: " + configs);
        for (Path config : configs) {
            String name = config.getFileName().toString().replace(".json", "");
            Path output = dir.resolve(name + ".png");
            CliTest.Run r = CliTest.run("stylize", "--config", config.toString(), "--size", Integer.toString(SIZE),
                    "--steps", "5", "--output", output.toString(), "--quiet");
            assertEquals(0, r.code(), config + ": " + r.err());
            BufferedImage image = ImageIO.read(output.toFile());
            assertNotNull(image, config + " wrote no readable image");
            RgbImage content = ImageLoading.load(ConfigLoader.load(config).content().image());
            Resize.Size expected = Resize.outputSize(content.width(), content.height(), SIZE);
            assertEquals(expected.width(), image.getWidth(), config.toString());
            assertEquals(expected.height(), image.getHeight(), config.toString());
        }
    }
}
