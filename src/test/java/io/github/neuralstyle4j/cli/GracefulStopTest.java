package io.github.neuralstyle4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real SIGTERMs raised in this JVM: the first asks the run to stop, the second ends the process at once through
 * the halt it was given (in production {@code Runtime.halt}, never {@code Runtime.exit}, whose shutdown hooks free
 * native memory under a running evaluation). Before, the second signal called {@code Runtime.exit} directly.
 */
class GracefulStopTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theSecondSignalHaltsWithTheSignalsExitCode() throws Exception {
        BlockingQueue<Integer> halted = new ArrayBlockingQueue<>(2);
        try (GracefulStop stop = GracefulStop.install(halted::add)) {
            Signal.raise(new Signal("TERM"));
            for (int i = 0; i < 200 && !stop.request().isRequested(); i++) {
                Thread.sleep(10); // handlers run on the JVM's signal thread
            }
            assertTrue(stop.request().isRequested(), "the first signal asks the run to stop");
            assertNull(halted.poll(), "the first signal does not end the process");
            assertEquals(143, stop.exitCode());
            Signal.raise(new Signal("TERM"));
            assertEquals(143, halted.poll(10, TimeUnit.SECONDS), "the second signal ends it with 128 + 15");
        }
    }
}
