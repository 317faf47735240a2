package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * One style loss with its gradient at one layer, as an evaluation computes it, for the layer sizes of the default
 * config (style conv_1 … conv_5) at 341×256 and 682×512: {@code layer} is C×(H·W). {@code gramAndGradient} is the
 * current path (SYRK for G = F·Fᵀ/N, BLAS level 1 for G − A and its norm, one GEMM writing dL/dF = c·(G − A)·F over
 * the buffer); {@code previousGemmPath} is the path before it (GEMM for F·Fᵀ, GEMM adding into a zeroed buffer), kept
 * to show what the change bought. Besides the time per call, each reports the calling thread's CPU time per call
 * ({@code cpuNanos}/{@code calls}): with {@code threads=1} OpenBLAS works on that thread only, so it is the whole
 * work, a figure that load from other processes barely moves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StyleLossBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"64x87296", "128x21760", "256x5440", "64x349184", "128x87296", "256x21760"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private INDArray features;
    private INDArray gradient;
    private INDArray target;
    private INDArray scratch;
    private StyleLoss loss;

    /** The calling thread's CPU time, summed over an iteration (JMH reports both counters per iteration). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class CpuTime {
        public long cpuNanos;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            calls = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);   // OpenBLAS's own pool: the environment does not reach it
        String[] cs = layer.split("x");
        long c = Long.parseLong(cs[0]);
        long hw = Long.parseLong(cs[1]);
        Nd4j.getRandom().setSeed(7);
        features = Nd4j.rand(DataType.FLOAT, c, hw);
        gradient = Nd4j.zeros(DataType.FLOAT, c, hw);
        try (INDArray other = Nd4j.rand(DataType.FLOAT, c, hw)) {
            target = GramMatrix.of(other);
        }
        scratch = target.ulike();
        loss = new StyleLoss(target);
    }

    @Benchmark
    public double gramAndGradient(CpuTime cpu) {
        long t = THREADS.getCurrentThreadCpuTime();
        double value = loss.overwrite(features, gradient, 1e6);
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - t;
        cpu.calls++;
        return value;
    }

    /** The code before the SYRK change, inlined: zero the buffer, GEMM F·Fᵀ, G − A, its norm, GEMM adding c·D·F. */
    @Benchmark
    public double previousGemmPath(CpuTime cpu) {
        long t = THREADS.getCurrentThreadCpuTime();
        long c = features.rows();
        double n = (double) c * features.columns();
        Level1.zero(gradient);
        Nd4j.gemm(features, features, scratch, false, true, 1.0 / n, 0.0);
        Level1.axpy(-1.0, target, scratch);
        double value = Level1.dot(scratch, scratch) / ((double) c * c);
        Nd4j.gemm(scratch, features, gradient, false, false, 1e6 * 4.0 / ((double) c * c * n), 1.0);
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - t;
        cpu.calls++;
        return 1e6 * value;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        features.close();
        gradient.close();
        target.close();
        scratch.close();
    }
}
