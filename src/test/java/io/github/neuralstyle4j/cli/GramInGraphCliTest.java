package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code stylize --gram-in-graph}: the option reaches the run, on the CPU where it is off by default. */
class GramInGraphCliTest {

    @Test
    void stylizeWithGramsInTheGraphSaysSoAndWritesTheImage(@TempDir Path dir) {
        Path output = dir.resolve("out.png");
        CliTest.Run on = CliTest.run("stylize", "--config", "config/seed.json", "--size", "32", "--steps", "1",
                "--threads", "1", "--gram-in-graph", "--output", output.toString());
        assertEquals(0, on.code(), on.err());
        assertTrue(on.out().contains("32 px, Gram matrices in the graph)"), on.out());
        assertTrue(Files.isRegularFile(output));
    }
}
