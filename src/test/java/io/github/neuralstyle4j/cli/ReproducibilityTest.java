package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The same config, seed and thread count give the same image, byte for byte, on the same machine; a different seed
 * gives another (so the comparison can fail). Noise start, so the seed matters.
 *
 * <p>OpenBLAS runs single-threaded here, as {@code OMP_NUM_THREADS=1} makes it for the command line (ND4J sizes
 * OpenBLAS's pool from that variable, else from the core count, whatever {@code --threads} says): with two BLAS
 * threads the losses were seen to differ between runs from the third evaluation on (README, Reproducibility).
 */
class ReproducibilityTest {

    private static byte[] stylize(Path dir, String name, String seed) throws Exception {
        Path output = dir.resolve(name);
        CliTest.Run r = CliTest.run("stylize", "--config", "config/init-noise.json", "--size", "32", "--steps", "5",
                "--seed", seed, "--threads", "1", "--output", output.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        return Files.readAllBytes(output);
    }

    @Test
    void sameSeedAndThreadsGiveTheSameBytes(@TempDir Path dir) throws Exception {
        Blas blas = Nd4j.factory().blas();
        int before = blas.getMaxThreads();
        blas.setMaxThreads(1);
        try {
            byte[] first = stylize(dir, "a.png", "3");
            byte[] second = stylize(dir, "b.png", "3");
            byte[] otherSeed = stylize(dir, "c.png", "4");
            assertArrayEquals(first, second);
            assertFalse(java.util.Arrays.equals(first, otherSeed));
        } finally {
            blas.setMaxThreads(before);   // the other tests' reference runs were recorded with the default
        }
    }
}
