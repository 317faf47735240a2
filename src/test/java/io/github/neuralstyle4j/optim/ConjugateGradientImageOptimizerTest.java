package io.github.neuralstyle4j.optim;

import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer.Formula;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commons Math's conjugate gradients behind {@link ImageOptimizer}: minima, the box and the budget. */
class ConjugateGradientImageOptimizerTest {

    @ParameterizedTest
    @EnumSource(Formula.class)
    void findsTheMinimumOfAnIllConditionedQuadratic(Formula formula) {
        // ½ Σ λ_i (x_i - c_i)² with λ from 1 to 10 (condition number 10) and c_i = i/10 - 0.3: minimiser c
        int n = 10;
        double[] lambda = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = Math.pow(10, i / (n - 1.0));
            c[i] = i / 10.0 - 0.3;
        }
        AtomicInteger evaluations = new AtomicInteger();
        DifferentiableFunction f = (x, g) -> {
            evaluations.incrementAndGet();
            double[] p = x.toDoubleVector();
            double[] grad = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                grad[i] = lambda[i] * (p[i] - c[i]);
                sum += 0.5 * lambda[i] * (p[i] - c[i]) * (p[i] - c[i]);
            }
            TestFunctions.write(grad, g);
            return sum;
        };
        try (var ncg = new ConjugateGradientImageOptimizer(formula);
             INDArray start = Nd4j.zeros(DataType.FLOAT, n);
             INDArray x = ncg.minimize(f, start, new EvaluationTarget(2000), new ClampEachEvaluation(-5, 5))) {
            // Measured: every coordinate within 2.3e-7 of c (float32 points: c's spacing there is 6e-8, and Brent
            // stops at a relative step tolerance of 1e-5); 1e-5 leaves room for other BLAS rounding, while a run
            // that stalled on the flattest axis or went the wrong way would be off by
            // 1e-2 to 0.9
            for (int i = 0; i < n; i++) {
                assertEquals(c[i], x.getDouble(i), 1e-5, "x" + i + " of " + x);
            }
            assertTrue(evaluations.get() <= 2000, "budget: " + evaluations.get());
        }
    }

    @ParameterizedTest
    @EnumSource(Formula.class)
    void staysInTheBoxAndWithinTheBudget(Formula formula) {
        // minimiser (2, -1, 0.5) of Σ (x_i - c_i)²: clamped to [0, 1] the best point of the box is (1, 0, 0.5)
        double[] c = {2, -1, 0.5};
        AtomicInteger evaluations = new AtomicInteger();
        DifferentiableFunction f = (x, g) -> {
            evaluations.incrementAndGet();
            double[] p = x.toDoubleVector();
            for (double v : p) {
                assertTrue(v >= 0 && v <= 1, "evaluated outside the box: " + v);
            }
            double[] grad = new double[3];
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                grad[i] = 2 * (p[i] - c[i]);
                sum += (p[i] - c[i]) * (p[i] - c[i]);
            }
            TestFunctions.write(grad, g);
            return sum;
        };
        try (var ncg = new ConjugateGradientImageOptimizer(formula);
             INDArray start = Nd4j.createFromArray(new float[] {0.5f, 0.5f, 0.5f});
             INDArray x = ncg.minimize(f, start, new EvaluationTarget(40), ClampEachEvaluation.unitInterval())) {
            assertTrue(evaluations.get() <= 40, "budget: " + evaluations.get());
            assertEquals(1, x.getDouble(0), 1e-6);
            assertEquals(0, x.getDouble(1), 1e-6);
            assertEquals(0.5, x.getDouble(2), 1e-3);
        }
    }
}
