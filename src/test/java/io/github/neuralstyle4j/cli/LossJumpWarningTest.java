package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.engine.Evaluation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossJumpWarningTest {

    private static Evaluation loss(int n, double total) {
        return new Evaluation(n, total, 0);
    }

    @Test
    void warnsOnceWhenTheLossExceedsTenTimesTheBestSoFar() {
        LossJumpWarning w = new LossJumpWarning(OptimizerSpec.DEFAULT);
        assertNull(w.check(loss(1, 1.0)));
        assertNull(w.check(loss(2, 0.5)));
        assertNull(w.check(loss(3, 4.9)), "9.8 times the best is not a jump yet");
        String line = w.check(loss(4, 5.1));
        assertNotNull(line, "10.2 times the best");
        assertTrue(line.contains("evaluation 4") && line.contains("evaluation 2"), line);
        assertTrue(line.contains("best evaluated image"), line);
        // the seed's fixed-step L-BFGS: the advice names the line search
        assertTrue(line.contains("strong-Wolfe line search (config/default.json"), line);
        assertTrue(line.lines().count() == 1, line);
        assertNull(w.check(loss(5, 100)), "one warning per run");
        w.newStage();
        assertNull(w.check(loss(1, 100)), "a new stage starts a new best");
        assertNotNull(w.check(loss(2, 1001)));
    }

    @Test
    void adamIsToldToLowerItsLearningRate() {
        OptimizerSpec adam = new OptimizerSpec(OptimizerSpec.Algorithm.ADAM, 0.02, 20, 25, 1e-7, 1e-9, 100,
                OptimizerSpec.LineSearch.NONE, 0.9, 0.999, 1e-8, OptimizerSpec.Formula.POLAK_RIBIERE, false);
        LossJumpWarning w = new LossJumpWarning(adam);
        w.check(loss(1, 1));
        String line = w.check(loss(2, 11));
        assertTrue(line.contains("--learning-rate (now 0.02)"), line);
    }
}
