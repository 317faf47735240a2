package io.github.neuralstyle4j.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Accumulated time of the three phases of an evaluation, for profiles and reports: wall time, and the CPU time of
 * the calling thread. With one thread ({@code --threads 1}) ONNX Runtime and OpenBLAS do all their work on the
 * calling thread, so its CPU time is the phase's whole work and, unlike wall time, barely moves when other
 * processes load the machine: the figure to compare two versions of the code on a busy machine.
 */
public final class PhaseTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long forwardNanos;
    private long lossNanos;
    private long backwardNanos;
    private final long[] cpuNanos = new long[3];

    void add(long forward, long loss, long backward) {
        forwardNanos += forward;
        lossNanos += loss;
        backwardNanos += backward;
    }

    /** The calling thread's CPU time now, in ns; -1 where the JVM cannot measure it. */
    static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Adds the CPU time between readings of {@link #threadCpu()} to the forward, loss and gradient phases. */
    void addCpu(long forward, long loss, long backward) {
        cpuNanos[0] += forward;
        cpuNanos[1] += loss;
        cpuNanos[2] += backward;
    }

    /** The times of both runs together (e.g. the tiles of a stage); neither is changed. */
    public PhaseTimes plus(PhaseTimes other) {
        PhaseTimes sum = new PhaseTimes();
        sum.add(forwardNanos + other.forwardNanos, lossNanos + other.lossNanos, backwardNanos + other.backwardNanos);
        for (int i = 0; i < cpuNanos.length; i++) {
            sum.cpuNanos[i] = cpuNanos[i] + other.cpuNanos[i];
        }
        return sum;
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

    /** The calling thread's CPU seconds in the forward, loss and gradient phases, in that order. */
    public double[] threadCpuSeconds() {
        return new double[] {cpuNanos[0] / 1e9, cpuNanos[1] / 1e9, cpuNanos[2] / 1e9};
    }
}
