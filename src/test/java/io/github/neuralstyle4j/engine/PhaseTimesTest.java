package io.github.neuralstyle4j.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PhaseTimesTest {

    @Test
    void plusAddsEveryPhaseAndLeavesBothParts() {
        PhaseTimes a = new PhaseTimes();
        a.add(1_000_000_000L, 2_000_000_000L, 3_000_000_000L);
        a.addCpu(500_000_000L, 0, 250_000_000L);
        PhaseTimes b = new PhaseTimes();
        b.add(4_000_000_000L, 0, 1_000_000_000L);
        b.addCpu(0, 1_000_000_000L, 0);

        PhaseTimes sum = a.plus(b);
        assertEquals(5.0, sum.forwardSeconds());
        assertEquals(2.0, sum.lossSeconds());
        assertEquals(4.0, sum.backwardSeconds());
        assertArrayEquals(new double[] {0.5, 1.0, 0.25}, sum.threadCpuSeconds());
        assertEquals(1.0, a.forwardSeconds(), "the parts are unchanged");
        assertEquals(4.0, b.forwardSeconds());
    }
}
