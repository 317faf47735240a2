package io.github.neuralstyle4j.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

import java.util.concurrent.TimeUnit;

/**
 * One style loss with its gradient at one layer, as an evaluation computes it: G = F·Fᵀ/N (GEMM), G − A and its
 * squared norm (BLAS level 1), dL/dF += c·(G − A)·F (GEMM). 4·C²·H·W floating-point operations, nearly all GEMM.
 * Layer sizes are VGG19's conv1_x … conv4_x at 256×256 input: channels × (side × side).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StyleLossBenchmark {

    @Param({"64x256", "128x128", "256x64", "512x32"})
    public String layer;

    @Param("2")
    public int threads;

    private INDArray features;
    private INDArray gradient;
    private StyleLoss loss;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        String[] cs = layer.split("x");
        long c = Long.parseLong(cs[0]);
        long side = Long.parseLong(cs[1]);
        Nd4j.getRandom().setSeed(7);
        features = Nd4j.rand(DataType.FLOAT, c, side * side);
        gradient = Nd4j.zeros(DataType.FLOAT, c, side * side);
        try (INDArray other = Nd4j.rand(DataType.FLOAT, c, side * side)) {
            loss = new StyleLoss(GramMatrix.of(other));
        }
    }

    @Benchmark
    public double gramAndGradient() {
        return loss.accumulate(features, gradient, 1e6);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        features.close();
        gradient.close();
    }
}
