package io.github.neuralstyle4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.OptimizationData;
import org.apache.commons.math3.optim.PointValuePair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java port against real torch.optim.LBFGS runs (PyTorch 1.13, the tutorial loop with num_steps = 300),
 * recorded by tools/reference/lbfgs_trace.py into src/test/resources/optim/.
 *
 * <p>Both sides compute in float32 but sum in different orders (BLAS sdot and these loops vs torch's
 * kernels), so losses first differ by ~1e-7 relative, and L-BFGS, a nonlinear recursion, amplifies that
 * along the trajectory; on the chaotic ones (Rosenbrock) any two float32 runs part after ~10 evaluations.
 * Each trace therefore also holds torch's own run in float64, and the tolerances are judged against what
 * rounding alone does to torch:
 * <ol>
 * <li>Losses: for as long as torch's float32 and float64 runs agree to 1e-5 relative, the Java losses
 *     must agree with torch's float32 losses to 1e-4 relative (10× margin over torch's own spread).</li>
 * <li>Step structure: where torch's float32 and float64 runs make the same number of evaluations in
 *     every step(), so must the Java run: this pins the break conditions, max_eval and the loop.</li>
 * <li>Final point and loss: no further from torch's float32 result than twice torch's float32-to-float64
 *     distance, plus 1e-4 on x and 1e-8 on the loss (a loss below 1e-8 is Rosenbrock converged to
 *     float32 precision, where the remaining digits are rounding noise).</li>
 * </ol>
 */
class TorchReferenceTest {

    private static final double LOSS_AGREEMENT_OF_TORCH_WITH_ITSELF = 1e-5;
    private static final double LOSS_TOLERANCE = 1e-4;
    private static final double POINT_FLOOR = 1e-4;
    private static final double LOSS_FLOOR = 1e-8;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rosenbrock2d_none", "rosenbrock2d_strong_wolfe", "quartic50_none",
            "quartic50_strong_wolfe", "illconditioned200_none", "illconditioned200_strong_wolfe"})
    void matchesTorchTrace(String name) {
        TorchTrace trace = TorchTrace.load("/optim/lbfgs_" + name + ".json");
        TorchTrace.Run torch = trace.float32();
        JavaRun java = runLikeTheScript(trace);

        int horizon = trace.reproducibleEvaluations(LOSS_AGREEMENT_OF_TORCH_WITH_ITSELF);
        assertTrue(horizon >= 9, "the comparison should cover at least the first evaluations, covers " + horizon);
        assertTrue(java.losses.length >= horizon, "Java stopped after " + java.losses.length + " evaluations");
        double worst = 0;
        for (int i = 0; i < horizon; i++) {
            double relative = Math.abs(java.losses[i] - torch.losses()[i]) / Math.abs(torch.losses()[i]);
            worst = Math.max(worst, relative);
            assertTrue(relative <= LOSS_TOLERANCE, "evaluation " + i + ": Java " + java.losses[i]
                    + " vs torch " + torch.losses()[i] + " (relative " + relative + ")");
        }

        if (Arrays.equals(torch.evaluationsPerStep(), trace.float64().evaluationsPerStep())) {
            assertArrayEquals(torch.evaluationsPerStep(), java.evaluationsPerStep, "evaluations per step()");
        }

        double pointDistance = maxAbsDifference(java.finalX, torch.finalX());
        double torchPointSpread = maxAbsDifference(trace.float64().finalX(), torch.finalX());
        assertTrue(pointDistance <= POINT_FLOOR + 2 * torchPointSpread,
                "final x differs by " + pointDistance + "; torch float32 vs float64: " + torchPointSpread);

        double torchFinal = last(torch.losses());
        double lossDistance = Math.abs(java.finalLoss - torchFinal);
        double torchLossSpread = Math.abs(last(trace.float64().losses()) - torchFinal);
        assertTrue(lossDistance <= LOSS_FLOOR + LOSS_TOLERANCE * Math.abs(torchFinal) + 2 * torchLossSpread,
                "final loss " + java.finalLoss + " vs torch " + torchFinal);

        System.out.printf(
                "%-31s evaluations Java %d / torch %d; losses within %.1e over the first %d; |dx| %.1e (torch f32-f64 %.1e)%n",
                name, java.losses.length, torch.losses().length, worst, horizon, pointDistance, torchPointSpread);
    }

    private record JavaRun(double[] losses, int[] evaluationsPerStep, double[] finalX, double finalLoss) {
    }

    /** The script's loop: torch defaults (plus the trace's line search), EvaluationTarget(num_steps), clamp if the problem has it. */
    private static JavaRun runLikeTheScript(TorchTrace trace) {
        TorchReferenceProblems.Problem problem = TorchReferenceProblems.byName(trace.problem());
        assertEquals(trace.clamp(), problem.clamp(), "clamp as in the script");
        List<Double> losses = new ArrayList<>();
        DifferentiableFunction recording = (x, gradient) -> {
            double value = problem.function().valueAndGradient(x, gradient);
            losses.add(value);
            return value;
        };
        List<OptimizationData> data = new ArrayList<>(List.of(new InitialGuess(problem.start()), recording,
                LbfgsSettings.torchDefaults().withLineSearch(trace.lineSearch()),
                new EvaluationTarget(trace.numSteps())));
        if (problem.clamp()) {
            data.add(ClampEachEvaluation.unitInterval());
        }
        try (LbfgsOptimizer optimizer = new LbfgsOptimizer()) {
            PointValuePair result = optimizer.optimize(data.toArray(OptimizationData[]::new));
            assertEquals(losses.size(), optimizer.getEvaluations());
            return new JavaRun(losses.stream().mapToDouble(Double::doubleValue).toArray(),
                    optimizer.evaluationsPerStep(), result.getPoint(), result.getValue());
        }
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }
}
