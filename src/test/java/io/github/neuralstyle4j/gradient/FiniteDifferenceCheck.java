package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.engine.ExecutionOptions;
import io.github.neuralstyle4j.engine.OrtRuntime;
import io.github.neuralstyle4j.engine.TapSessions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Compares the gradient graph with central finite differences of the forward graph, for the linear functional
 * L(x) = Σ_taps ⟨R_tap, F_tap(x)⟩ with fixed random R: its exact gradient is Σ J_tapᵀ R_tap, which is what the
 * gradient graph computes when fed R as the tap gradients. The graphs in these tests are piecewise linear in x,
 * so the difference quotient is exact up to float32 rounding unless a ReLU / max kink lies within ±eps.
 */
final class FiniteDifferenceCheck {

    /**
     * @param kinks coordinates left out because the one-sided quotients disagree: a kink lies within ±eps there,
     *              where no difference quotient is a derivative
     */
    record Result(double cosine, double relativeError, int kinks, double[] analytic, double[] numeric) {
    }

    static Result run(ModelProto model, String input, List<String> taps, int height, int width, long seed, double eps) {
        FeatureGraph graph = new FeatureGraph(model, input);
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        Random random = new Random(seed);
        try (TapSessions sessions = TapSessions.open(runtime, graph, taps, height, width)) {
            int n = 3 * height * width;
            INDArray x = image(random, n);
            Map<String, INDArray> r = new LinkedHashMap<>();
            for (String tap : sessions.graphs().taps()) {
                INDArray rt = sessions.featureGradient(tap);
                for (long i = 0; i < rt.length(); i++) {
                    rt.putScalar(i, random.nextGaussian());
                }
                r.put(tap, rt.dup());
            }
            INDArray grad = Nd4j.create(DataType.FLOAT, n);
            try (TapSessions.ForwardPass pass = sessions.forward(x)) {
                sessions.backward(pass, grad);
            }
            double[] analytic = grad.toDoubleVector();
            double[] numeric = new double[n];
            double[] oneSidedGap = new double[n];
            double centre = functional(sessions, x, r);
            for (int i = 0; i < n; i++) {
                float xi = x.getFloat(i);
                float up = (float) (xi + eps);
                float down = (float) (xi - eps);
                x.putScalar(i, up);
                double plus = functional(sessions, x, r);
                x.putScalar(i, down);
                double minus = functional(sessions, x, r);
                x.putScalar(i, xi);
                // divide by the steps actually taken in float32, not the nominal ones
                numeric[i] = (plus - minus) / ((double) up - down);
                oneSidedGap[i] = Math.abs((plus - centre) / ((double) up - xi) - (centre - minus) / ((double) xi - down));
            }
            x.close();
            grad.close();
            double scale = Math.sqrt(java.util.Arrays.stream(numeric).map(v -> v * v).average().orElse(0));
            java.util.List<Integer> smooth = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (oneSidedGap[i] <= 5e-2 * scale) {
                    smooth.add(i);
                }
            }
            double[] a = smooth.stream().mapToDouble(i -> analytic[i]).toArray();
            double[] b = smooth.stream().mapToDouble(i -> numeric[i]).toArray();
            return new Result(cosine(a, b), relativeError(a, b), n - smooth.size(), analytic, numeric);
        }
    }

    /** The tap's features at the point {@link #run} with the same seed checks, to test what a graph exercises. */
    static float[] features(ModelProto model, String input, String tap, int height, int width, long seed) {
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        try (TapSessions sessions = TapSessions.open(runtime, new FeatureGraph(model, input), List.of(tap), height, width);
             INDArray x = image(new Random(seed), 3 * height * width);
             TapSessions.ForwardPass ignored = sessions.forward(x)) {
            return sessions.features(tap).ravel().toFloatVector();
        }
    }

    static INDArray image(Random random, int n) {
        INDArray x = Nd4j.create(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, 0.1 + 0.8 * random.nextDouble());
        }
        return x;
    }

    private static double functional(TapSessions sessions, INDArray x, Map<String, INDArray> r) {
        try (TapSessions.ForwardPass ignored = sessions.forward(x)) {
            double sum = 0;
            for (Map.Entry<String, INDArray> e : r.entrySet()) {
                double[] f = sessions.features(e.getKey()).ravel().toDoubleVector();
                double[] w = e.getValue().ravel().toDoubleVector();
                for (int i = 0; i < f.length; i++) {
                    sum += f[i] * w[i];
                }
            }
            return sum;
        }
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double relativeError(double[] a, double[] b) {
        double d = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(d / bb);
    }
}
