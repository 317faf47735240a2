package io.github.neuralstyle4j.optim;

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
 * One L-BFGS direction as a step computes it: d = −g, then the two-loop recursion over a full history
 * (torch's default 100 pairs) of a 512×512 RGB image's n = 786,432 variables. Memory-bound: each pair's s and
 * y are read twice, about 1.3 GB of traffic per direction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LbfgsDirectionBenchmark {

    @Param("786432")
    public long dimension;

    @Param("100")
    public int history;

    @Param("2")
    public int threads;

    private LbfgsHistory pairs;
    private INDArray gradient;
    private INDArray direction;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getRandom().setSeed(11);
        pairs = new LbfgsHistory(dimension, history);
        for (int i = 0; i < history; i++) {
            INDArray s = pairs.candidateStep();
            INDArray y = pairs.candidateGradientDiff();
            try (INDArray rs = Nd4j.rand(DataType.FLOAT, dimension); INDArray ry = Nd4j.rand(DataType.FLOAT, dimension)) {
                Vectors.copy(rs, s);
                Vectors.copy(ry, y);
            }
            pairs.accept(Vectors.dot(y, s)); // positive: both are in [0, 1)
        }
        gradient = Vectors.allocate(dimension);
        try (INDArray rg = Nd4j.rand(DataType.FLOAT, dimension)) {
            Vectors.copy(rg, gradient);
        }
        direction = Vectors.allocate(dimension);
    }

    @Benchmark
    public INDArray twoLoop() {
        Vectors.negate(gradient, direction);
        pairs.applyInverseHessian(direction, 0.5);
        return direction;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pairs.close();
        Vectors.release(gradient);
        Vectors.release(direction);
    }
}
