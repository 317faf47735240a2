package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code device-check --cpu-only}: what tools/gpu_check.sh runs without a GPU, at a small size. */
class DeviceCheckCommandTest {

    @Test
    void cpuOnlyRunComparesGramsInTheGraphWithTheHostPath() {
        CliTest.Run r = CliTest.run("device-check", "--cpu-only", "--size", "32", "--steps", "1", "--threads", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*cpu, Grams in graph\\s+gradient rel L2\\s+\\S+\\s+<= 0.001\\s+PASS.*"),
                r.out());
        assertTrue(r.out().contains("device check passed"), r.out());
        // no row failed, and the timing table names both setups with the seed's 20 evaluations
        assertTrue(!r.out().contains("FAIL"), r.out());
        assertTrue(r.out().matches("(?s).*cpu, Grams on host\\s+20 .*"), r.out());
    }

    @Test
    void aCpuDeviceWithoutCpuOnlyIsAUsageError() {
        CliTest.Run r = CliTest.run("device-check", "--device", "cpu");
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--cpu-only"), r.err());
    }
}
