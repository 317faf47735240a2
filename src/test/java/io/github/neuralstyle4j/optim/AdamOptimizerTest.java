package io.github.neuralstyle4j.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Adam against torch.optim.Adam's trace (tools/reference/adam_trace.py), and its resume. */
class AdamOptimizerTest {

    private static JsonNode trace() throws Exception {
        try (InputStream in = AdamOptimizerTest.class.getResourceAsStream("/optim/adam_quadratic8.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    /** 0.5 Σ c_i (x_i - t_i)², its gradient in double rounded to float32, as the trace script computes it. */
    private static DifferentiableFunction quadratic(double[] c, double[] t, List<Double> losses) {
        return (point, gradient) -> {
            double[] x = point.toDoubleVector();
            double[] g = new double[x.length];
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * c[i] * (x[i] - t[i]) * (x[i] - t[i]);
                g[i] = c[i] * (x[i] - t[i]);
            }
            TestFunctions.write(g, gradient);
            losses.add(f);
            return f;
        };
    }

    @Test
    void followsTorchAdamStepForStep() throws Exception {
        JsonNode trace = trace();
        double[] torchLosses = doubles(trace.get("losses"));
        double[] torchFinal = doubles(trace.get("final_x"));
        List<Double> losses = new ArrayList<>();
        try (AdamOptimizer adam = new AdamOptimizer(trace.get("lr").asDouble(), trace.get("beta1").asDouble(),
                trace.get("beta2").asDouble(), trace.get("eps").asDouble());
             INDArray start = Nd4j.createFromArray(doubles(trace.get("start"))).castTo(
                     org.nd4j.linalg.api.buffer.DataType.FLOAT);
             INDArray x = adam.minimize(quadratic(doubles(trace.get("curvature")), doubles(trace.get("target")),
                     losses), start, new EvaluationTarget(torchLosses.length), ClampEachEvaluation.unitInterval())) {
            assertEquals(torchLosses.length, losses.size());
            // The same float32 operations in the same order as torch; torch's vectorised kernels may fuse a
            // multiply-add (one rounding instead of two), so a point may differ by an ulp per step (6e-8), and
            // Adam's normalised step does not amplify that: 60 steps stay well under 1e-6.
            for (int i = 0; i < torchLosses.length; i++) {
                assertEquals(torchLosses[i], losses.get(i), 1e-6 * Math.max(1, torchLosses[i]), "loss " + i);
            }
            double[] ours = x.toDoubleVector();
            for (int i = 0; i < ours.length; i++) {
                assertEquals(torchFinal[i], ours[i], 1e-6, "x" + i);
            }
        }
    }

    @Test
    void resumingFromTheFinalStateContinuesTheSameTrajectory() throws Exception {
        JsonNode trace = trace();
        double[] c = doubles(trace.get("curvature"));
        double[] t = doubles(trace.get("target"));
        try (AdamOptimizer once = new AdamOptimizer(0.05, 0.8, 0.99, 1e-8);
             AdamOptimizer first = new AdamOptimizer(0.05, 0.8, 0.99, 1e-8);
             AdamOptimizer second = new AdamOptimizer(0.05, 0.8, 0.99, 1e-8);
             INDArray start = Nd4j.createFromArray(doubles(trace.get("start"))).castTo(
                     org.nd4j.linalg.api.buffer.DataType.FLOAT);
             INDArray all = once.minimize(quadratic(c, t, new ArrayList<>()), start, new EvaluationTarget(40),
                     ClampEachEvaluation.unitInterval())) {
            first.keepFinalState();
            try (INDArray half = first.minimize(quadratic(c, t, new ArrayList<>()), start, new EvaluationTarget(20),
                    ClampEachEvaluation.unitInterval())) {
                OptimizerState state = first.finalState();
                assertNotNull(state);
                assertEquals(20, state.evaluations());
                List<Double> rest = new ArrayList<>();
                second.resumeFrom(state);
                try (INDArray resumed = second.minimize(quadratic(c, t, rest), half, new EvaluationTarget(40),
                        ClampEachEvaluation.unitInterval())) {
                    assertEquals(20, rest.size());
                    // the same float32 operations on the same values: bit for bit
                    assertEquals(all, resumed);
                }
            }
        }
    }
}
