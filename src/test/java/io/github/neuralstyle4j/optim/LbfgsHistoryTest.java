package io.github.neuralstyle4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two-loop recursion against a case with a closed-form answer: for f = ½xᵀΛx with Λ diagonal, steps
 * along the coordinate axes are Λ-conjugate, so BFGS built from them inverts Λ exactly on their span
 * (Nocedal &amp; Wright, Theorem 6.4's hereditary property) and leaves H_diag·I on the rest.
 */
class LbfgsHistoryTest {

    private static final double[] LAMBDA = {2, 4, 8};

    @Test
    void fullHistoryOfConjugateStepsInvertsTheHessian() {
        try (LbfgsHistory history = new LbfgsHistory(3, 3)) {
            for (int axis = 0; axis < 3; axis++) {
                addAxisPair(history, axis);
            }
            INDArray q = Nd4j.createFromArray(1f, 1f, 1f);
            history.applyInverseHessian(q, 7.0);
            assertArrayEquals(new double[] {1 / 2.0, 1 / 4.0, 1 / 8.0}, q.toDoubleVector(), 1e-7);
        }
    }

    @Test
    void fullHistoryDropsTheOldestPairAndRecyclesItsBuffers() {
        try (LbfgsHistory history = new LbfgsHistory(3, 2)) {
            INDArray firstStepBuffer = history.candidateStep();
            INDArray firstDiffBuffer = history.candidateGradientDiff();
            for (int axis = 0; axis < 3; axis++) {
                addAxisPair(history, axis);
            }
            assertEquals(2, history.size());
            // the evicted axis-0 pair's buffers are where the next candidate goes: no new allocation
            assertSame(firstStepBuffer, history.candidateStep());
            assertSame(firstDiffBuffer, history.candidateGradientDiff());

            INDArray q = Nd4j.createFromArray(1f, 1f, 1f);
            history.applyInverseHessian(q, 7.0);
            // axis 0 is no longer in the history, so H_diag applies there
            assertArrayEquals(new double[] {7.0, 1 / 4.0, 1 / 8.0}, q.toDoubleVector(), 1e-6);
        }
    }

    /** s = 0.5·e_axis, y = Λs. */
    private static void addAxisPair(LbfgsHistory history, int axis) {
        INDArray s = history.candidateStep().assign(0);
        INDArray y = history.candidateGradientDiff().assign(0);
        s.putScalar(axis, 0.5);
        y.putScalar(axis, 0.5 * LAMBDA[axis]);
        history.accept(Vectors.dot(y, s));
    }
}
