package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The problems of tools/reference/lbfgs_trace.py, built from the same closed formulas and evaluated in
 * float32 like the torch run (the summation order differs, so results agree to float32 rounding only).
 */
final class TorchReferenceProblems {

    private TorchReferenceProblems() {
    }

    /** A problem of the reference script: start point, objective, and whether the closure clamps to [0, 1]. */
    record Problem(double[] start, DifferentiableFunction function, boolean clamp) {
    }

    static Problem byName(String name) {
        return switch (name) {
            case "rosenbrock2d" -> new Problem(new double[] {0.2, 0.75}, TorchReferenceProblems::rosenbrockScaled, true);
            case "quartic50" -> new Problem(quarticStart(), new Quartic(), true);
            case "illconditioned200" -> new Problem(filled(ILL_N, 1.0), new IllConditioned(), false);
            default -> throw new IllegalArgumentException("unknown reference problem " + name);
        };
    }

    /** Rosenbrock in u = 4x₀ - 2, v = 4x₁ - 2: minimiser (0.75, 0.75), start (0.2, 0.75) = (-1.2, 1) in (u, v). */
    static double rosenbrockScaled(INDArray x, INDArray gradient) {
        float u = 4.0f * x.getFloat(0) - 2.0f;
        float v = 4.0f * x.getFloat(1) - 2.0f;
        float a = 1.0f - u;
        float b = v - u * u;
        float dfdu = -2.0f * a - 400.0f * u * b;
        float dfdv = 200.0f * b;
        gradient.putScalar(0, 4.0f * dfdu);
        gradient.putScalar(1, 4.0f * dfdv);
        return a * a + 100.0f * (b * b);
    }

    static final int QUARTIC_N = 50;
    static final int QUARTIC_M = 60;

    static double[] quarticStart() {
        double[] x = new double[QUARTIC_N];
        for (int i = 0; i < QUARTIC_N; i++) {
            x[i] = ((5 * i) % 9 + 0.5) / 9.0;
        }
        return x;
    }

    /** 0.5·‖A(x - c)‖²/m + 0.05·‖x - c‖² + 0.25·Σ(xᵢ - cᵢ)⁴ with the script's dyadic A and c. */
    static final class Quartic implements DifferentiableFunction {
        private final float[][] a = new float[QUARTIC_M][QUARTIC_N];
        private final float[] c = new float[QUARTIC_N];

        Quartic() {
            for (int j = 0; j < QUARTIC_M; j++) {
                for (int i = 0; i < QUARTIC_N; i++) {
                    a[j][i] = (((7 * i + 13 * j + 3) % 17) - 8) / 16.0f;
                }
            }
            for (int i = 0; i < QUARTIC_N; i++) {
                c[i] = i % 10 != 0 ? (((3 * i) % 7) + 1) / 8.0f : (i % 20 != 0 ? 1.25f : -0.25f);
            }
        }

        @Override
        public double valueAndGradient(INDArray x, INDArray gradient) {
            float[] e = new float[QUARTIC_N];
            for (int i = 0; i < QUARTIC_N; i++) {
                e[i] = x.getFloat(i) - c[i];
            }
            float[] r = new float[QUARTIC_M];
            float squares = 0;
            for (int j = 0; j < QUARTIC_M; j++) {
                float rj = 0;
                for (int i = 0; i < QUARTIC_N; i++) {
                    rj += a[j][i] * e[i];
                }
                r[j] = rj;
                squares += rj * rj;
            }
            float ridge = 0;
            float quartic = 0;
            for (int i = 0; i < QUARTIC_N; i++) {
                float e2 = e[i] * e[i];
                ridge += e2;
                quartic += e2 * e2;
                float atr = 0;
                for (int j = 0; j < QUARTIC_M; j++) {
                    atr += a[j][i] * r[j];
                }
                gradient.putScalar(i, atr / QUARTIC_M + 0.1f * e[i] + e2 * e[i]);
            }
            return 0.5f * squares / QUARTIC_M + 0.05f * ridge + 0.25f * quartic;
        }
    }

    static final int ILL_N = 200;

    /** 0.5·Σ λᵢxᵢ² with λᵢ = 10^(-3 + 6i/199). */
    static final class IllConditioned implements DifferentiableFunction {
        private final float[] lambda = new float[ILL_N];

        IllConditioned() {
            for (int i = 0; i < ILL_N; i++) {
                lambda[i] = (float) Math.pow(10.0, -3.0 + 6.0 * i / (ILL_N - 1));
            }
        }

        @Override
        public double valueAndGradient(INDArray x, INDArray gradient) {
            float sum = 0;
            for (int i = 0; i < ILL_N; i++) {
                float xi = x.getFloat(i);
                float lx = lambda[i] * xi;
                sum += lx * xi;
                gradient.putScalar(i, lx);
            }
            return 0.5f * sum;
        }
    }

    private static double[] filled(int n, double value) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
