package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.engine.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns the first SIGINT / SIGTERM during a run into a {@link StopRequest}: the run ends after its current
 * evaluation, writes its best image and report, and the process exits with 128 + the signal (130, 143). A second
 * signal exits at once. Signal handlers rather than a shutdown hook, because once the JVM shuts down, the native
 * libraries' own hooks tear down what the last evaluation and the writers still need.
 */
final class GracefulStop implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final StopRequest stop = new StopRequest();
    private final AtomicInteger signal = new AtomicInteger();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private GracefulStop() {
    }

    /** Installs the handlers; {@link #close()} restores the previous ones. */
    static GracefulStop install() {
        GracefulStop g = new GracefulStop();
        for (String name : SIGNALS) {
            try {
                Signal s = new Signal(name);
                g.previous.put(s, Signal.handle(s, g::onSignal));
            } catch (IllegalArgumentException reserved) {
                // the JVM keeps this signal (e.g. under -Xrs): it then behaves as without us
            }
        }
        return g;
    }

    StopRequest request() {
        return stop;
    }

    /** 128 + the number of the signal that stopped the run, as shells report a signal's death; 0 if none came. */
    int exitCode() {
        return signal.get() == 0 ? 0 : 128 + signal.get();
    }

    private void onSignal(Signal s) {
        if (signal.compareAndSet(0, s.getNumber())) {
            stop.request("stopped by SIG" + s.getName());
        } else {
            Runtime.getRuntime().exit(128 + s.getNumber()); // asked twice: stop waiting for the evaluation
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
