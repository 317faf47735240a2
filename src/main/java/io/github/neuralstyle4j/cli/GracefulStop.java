package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.engine.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Turns the first SIGINT / SIGTERM during a run into a {@link StopRequest}: the run ends after its current
 * evaluation, writes its best image and report, and the process exits with 128 + the signal (130, 143). A second
 * signal ends the process at once with {@link Runtime#halt}: {@link Runtime#exit} would run the shutdown hooks
 * (JavaCPP's frees ND4J's native memory) while the main thread is still inside ONNX Runtime, which crashed one
 * double SIGTERM in six with SIGSEGV in libonnxruntime (exit 134 and an hs_err file). Signal handlers rather than a
 * shutdown hook for the first signal, for the same reason: once the JVM shuts down, the native libraries' own hooks
 * tear down what the last evaluation and the writers still need.
 */
final class GracefulStop implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final StopRequest stop = new StopRequest();
    private final IntConsumer endNow;
    private final AtomicInteger signal = new AtomicInteger();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private GracefulStop(IntConsumer endNow) {
        this.endNow = endNow;
    }

    /** Installs the handlers; {@link #close()} restores the previous ones. */
    static GracefulStop install() {
        return install(code -> Runtime.getRuntime().halt(code));
    }

    /** As {@link #install()}, with what a second signal does given its exit code (a test records it). */
    static GracefulStop install(IntConsumer endNow) {
        GracefulStop g = new GracefulStop(endNow);
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
            System.err.println("neuralstyle: stopped by a second SIG" + s.getName() + " without saving");
            System.err.flush();
            endNow.accept(128 + s.getNumber()); // asked twice: no waiting for the evaluation, no native teardown
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
