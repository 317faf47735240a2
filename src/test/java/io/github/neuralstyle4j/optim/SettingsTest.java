package io.github.neuralstyle4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SettingsTest {

    @Test
    void torchDefaultsAreThoseOfTorchOptimLbfgs() {
        assertEquals(new LbfgsSettings(1, 20, 25, 1e-7, 1e-9, 100, LineSearch.NONE), LbfgsSettings.torchDefaults());
    }

    @Test
    void maxEvalFollowsMaxIterAsInTorchUnlessSetExplicitly() {
        assertEquals(50, LbfgsSettings.torchDefaults().withMaxIterationsPerStep(40).maxEvaluationsPerStep());
        assertEquals(7, LbfgsSettings.torchDefaults().withMaxIterationsPerStep(40).withMaxEvaluationsPerStep(7)
                .maxEvaluationsPerStep());
    }

    @Test
    void rejectsInvalidValues() {
        LbfgsSettings defaults = LbfgsSettings.torchDefaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> defaults.withLearningRate(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxIterationsPerStep(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxEvaluationsPerStep(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withToleranceGrad(-1e-7));
        assertThrows(IllegalArgumentException.class, () -> defaults.withToleranceChange(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> defaults.withHistorySize(0));
        assertThrows(NullPointerException.class, () -> defaults.withLineSearch(null));
        assertThrows(IllegalArgumentException.class, () -> new ClampEachEvaluation(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClampEachEvaluation(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationTarget(0));
        assertThrows(NullPointerException.class, () -> new InitialPoint(null));
    }

    @Test
    void clampWorksInPlace() {
        var x = Nd4j.createFromArray(-1f, 0.5f, 2f);
        ClampEachEvaluation.unitInterval().apply(x);
        assertEquals(Nd4j.createFromArray(0f, 0.5f, 1f), x);
    }
}
