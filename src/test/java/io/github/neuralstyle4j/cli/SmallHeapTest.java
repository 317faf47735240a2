package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native memory of a run is not bounded by a multiple of the Java heap: JavaCPP's default limit (4 × -Xmx)
 * stopped runs that the memory plan allowed, and large runs need little heap.
 */
class SmallHeapTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aRunNeedingMoreThanFourHeapsOfNativeMemoryCompletes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.png");
        // 341×256 peaks at ~750 MB, nearly all native; -Xmx160m made JavaCPP refuse at 640 MB ("Cannot allocate new
        // LongPointer ... physicalBytes = 640M", exit 6) before Main lifted its limit
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(dir, List.of("-Xmx160m"), "stylize", "--config",
                Path.of("config/seed.json").toAbsolutePath().toString(), "--size", "256", "--steps", "1",
                "--threads", "2", "--output", out.toString()))
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run did not end in 150 s");
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertEquals(0, p.exitValue(), err);
        assertTrue(Files.size(out) > 0, "the image was written");
    }
}
