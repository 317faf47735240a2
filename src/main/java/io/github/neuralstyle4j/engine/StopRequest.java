package io.github.neuralstyle4j.engine;

/**
 * A request, from another thread (a signal's shutdown hook, a UI), that a run stop at its next evaluation boundary.
 * The run then ends with a {@link RunInterruptedException} that carries the best image so far.
 */
public final class StopRequest {

    private volatile String reason;

    /** Asks the run to stop; the first reason given is kept. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean isRequested() {
        return reason != null;
    }

    /** Why the stop was requested, or null. */
    public String reason() {
        return reason;
    }
}
