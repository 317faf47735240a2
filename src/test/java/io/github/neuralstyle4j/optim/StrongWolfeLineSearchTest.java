package io.github.neuralstyle4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StrongWolfeLineSearchTest {

    /**
     * f(x) = ½‖x - c‖² searched from 0 along d = c/300 from t = 1: the curvature condition fails at t = 1
     * and at t = 10 (each extrapolation is capped at 10t), so the search has to reach t = 100.
     */
    @Test
    void extrapolatesToAStepSatisfyingTheStrongWolfeConditions() {
        double[] c = {300, -600};
        DifferentiableFunction f = TestFunctions.distanceTo(c);
        int[] calls = {0};
        LbfgsClosure closure = new LbfgsClosure(f, null, () -> calls[0]++);
        INDArray x = Nd4j.createFromArray(0f, 0f);
        INDArray d = Nd4j.createFromArray(1f, -2f);
        INDArray g = Nd4j.createFromArray(-300f, 600f);
        double f0 = 225_000;
        double gtd = Vectors.dot(g, d);

        try (StrongWolfeLineSearch search = new StrongWolfeLineSearch(2, 1e-9)) {
            StrongWolfeLineSearch.Result result = search.search(closure, x, 1.0, d, f0, g, gtd);

            double t = result.step();
            double gtdNew = Vectors.dot(result.gradient(), d);
            assertTrue(result.loss() <= f0 + StrongWolfeLineSearch.C1 * t * gtd, "sufficient decrease");
            assertTrue(Math.abs(gtdNew) <= StrongWolfeLineSearch.C2 * Math.abs(gtd), "curvature");
            assertEquals(100, t, 1e-9, "extrapolated twice");
            assertEquals(calls[0], result.evaluations());
            // the returned gradient and loss belong to x + t·d, and x itself has not moved
            assertArrayEquals(new double[] {t - 300, -2 * t + 600}, result.gradient().toDoubleVector(), 1e-4);
            assertArrayEquals(new double[] {0, 0}, x.toDoubleVector(), 0.0);
        }
    }
}
