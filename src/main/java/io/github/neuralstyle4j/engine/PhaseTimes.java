package io.github.neuralstyle4j.engine;

/** Accumulated wall time of the three phases of an evaluation, for profiles and reports. */
public final class PhaseTimes {
    private long forwardNanos;
    private long lossNanos;
    private long backwardNanos;

    void add(long forward, long loss, long backward) {
        forwardNanos += forward;
        lossNanos += loss;
        backwardNanos += backward;
    }

    public double forwardSeconds() {
        return forwardNanos / 1e9;
    }

    public double lossSeconds() {
        return lossNanos / 1e9;
    }

    public double backwardSeconds() {
        return backwardNanos / 1e9;
    }
}
