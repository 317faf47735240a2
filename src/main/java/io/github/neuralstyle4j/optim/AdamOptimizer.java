package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) as torch.optim.Adam (PyTorch 1.13) computes it in float32, without weight decay or
 * AMSGrad: one evaluation per iteration, the point clamped before each evaluation as the tutorial's closure does.
 * <pre>
 *   m ← β₁m + (1-β₁)g,  v ← β₂v + (1-β₂)g²,  x ← x - (lr / (1-β₁ᵗ)) · m / (√v / √(1-β₂ᵗ) + ε)
 * </pre>
 * The loop is plain Java over float arrays: each element's update is independent, a few multiply-adds per pixel, and
 * far cheaper than the evaluation; doing it in float32 keeps the rounding torch's.
 */
public final class AdamOptimizer implements ImageOptimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private OptimizerState resume;
    private OptimizerState finalState;
    private boolean keepFinalState;

    public AdamOptimizer(double learningRate, double beta1, double beta2, double eps) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("need lr > 0, betas in [0, 1), eps > 0");
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public INDArray minimize(DifferentiableFunction f, INDArray start, EvaluationTarget target,
                             ClampEachEvaluation clamp) {
        long n = start.length();
        INDArray x = Vectors.allocate(n);
        INDArray gradient = Vectors.allocate(n);
        try {
            x.assign(start.ravel());
            float[] m;
            float[] v;
            int step;
            if (resume != null) {
                m = resume.vector("exp_avg").clone();
                v = resume.vector("exp_avg_sq").clone();
                step = (int) resume.number("step");
                checkLength(m, n);
            } else {
                m = new float[(int) n];
                v = new float[(int) n];
                step = 0;
            }
            int done = resume != null ? resume.evaluations() : 0;
            for (; done < target.evaluations(); done++) {
                clamp.apply(x);
                f.valueAndGradient(x, gradient);
                step++;
                float[] xs = x.data().asFloat();
                update(xs, gradient.data().asFloat(), m, v, step);
                x.data().setData(xs);
            }
            clamp.apply(x);
            if (keepFinalState) {
                finalState = new OptimizerState(name(), done, Map.of("step", (double) step),
                        Map.of("exp_avg", m, "exp_avg_sq", v));
            }
            return x;
        } catch (RuntimeException | Error e) {
            Vectors.release(x);
            throw e;
        } finally {
            Vectors.release(gradient);
            resume = null;
        }
    }

    /** One torch Adam step on x, in float32 as torch rounds it. */
    private void update(float[] x, float[] g, float[] m, float[] v, int step) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        // torch computes the bias corrections and the step size in Python doubles
        double stepSize = learningRate / (1 - Math.pow(beta1, step));
        float biasCorrection2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, step));
        float e = (float) eps;
        float negStep = (float) -stepSize;
        for (int i = 0; i < x.length; i++) {
            m[i] = m[i] * b1 + g[i] * oneMinusB1;
            v[i] = v[i] * b2 + g[i] * g[i] * oneMinusB2;
            float denom = (float) Math.sqrt(v[i]) / biasCorrection2Sqrt + e;
            x[i] = x[i] + negStep * (m[i] / denom);
        }
    }

    private static void checkLength(float[] m, long n) {
        if (m.length != n) {
            throw new IllegalArgumentException("the checkpoint's Adam state has " + m.length
                    + " values, the image " + n);
        }
    }

    @Override
    public void resumeFrom(OptimizerState state) {
        resume = state.requireAlgorithm(name());
    }

    @Override
    public OptimizerState finalState() {
        return finalState;
    }

    @Override
    public void keepFinalState() {
        keepFinalState = true;
    }

    @Override
    public void close() {
        finalState = null;
    }
}
