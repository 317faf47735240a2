package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The L-BFGS memory: the last m curvature pairs (s, y) with ρ = 1/(yᵀs), and the two-loop recursion
 * that applies the implicit inverse Hessian (Nocedal 1980; Nocedal &amp; Wright, Algorithm 7.4).
 *
 * <p>A ring buffer of float32 vectors. New pairs are formed in a spare (s, y) pair of buffers; when the
 * history is full the evicted oldest pair becomes the spare, so nothing is allocated once m pairs exist.
 */
final class LbfgsHistory implements AutoCloseable {

    private final long dimension;
    private final INDArray[] steps;        // s = x_{k+1} - x_k as torch records it: t·d
    private final INDArray[] gradientDiffs; // y = g_{k+1} - g_k
    private final double[] rho;             // 1 / (yᵀs)
    private final double[] alpha;           // the two-loop's α, kept to avoid an allocation per iteration
    private int oldest;
    private int size;
    private INDArray spareStep;
    private INDArray spareGradientDiff;

    LbfgsHistory(long dimension, int capacity) {
        this.dimension = dimension;
        this.steps = new INDArray[capacity];
        this.gradientDiffs = new INDArray[capacity];
        this.rho = new double[capacity];
        this.alpha = new double[capacity];
        this.spareStep = Vectors.allocate(dimension);
        this.spareGradientDiff = Vectors.allocate(dimension);
    }

    /** The buffer to fill with the candidate s before {@link #accept}. */
    INDArray candidateStep() {
        return spareStep;
    }

    /** The buffer to fill with the candidate y before {@link #accept}. */
    INDArray candidateGradientDiff() {
        return spareGradientDiff;
    }

    /** Stores the candidate pair, dropping the oldest one if the history is full (torch's {@code pop(0)}). */
    void accept(double ys) {
        store(1.0 / ys);
    }

    /** The i-th oldest s (a live buffer: read only). */
    INDArray step(int i) {
        return steps[slot(i)];
    }

    /** The i-th oldest y (a live buffer: read only). */
    INDArray gradientDiff(int i) {
        return gradientDiffs[slot(i)];
    }

    /** The i-th oldest ρ. */
    double rho(int i) {
        return rho[slot(i)];
    }

    /** Appends a pair from a checkpoint, with its ρ as stored (recomputing 1/(1/ρ) would not round-trip). */
    void restore(float[] s, float[] y, double pairRho) {
        spareStep.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(s));
        spareGradientDiff.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(y));
        store(pairRho);
    }

    int capacity() {
        return steps.length;
    }

    private void store(double pairRho) {
        int capacity = steps.length;
        int slot = (oldest + size) % capacity;
        INDArray evictedStep = steps[slot];
        INDArray evictedGradientDiff = gradientDiffs[slot];
        steps[slot] = spareStep;
        gradientDiffs[slot] = spareGradientDiff;
        rho[slot] = pairRho;
        if (size == capacity) {
            oldest = (oldest + 1) % capacity;
            spareStep = evictedStep;
            spareGradientDiff = evictedGradientDiff;
        } else {
            size++;
            spareStep = Vectors.allocate(dimension);
            spareGradientDiff = Vectors.allocate(dimension);
        }
    }

    int size() {
        return size;
    }

    /**
     * The two-loop recursion: q ← H·q in place, where H is the L-BFGS inverse Hessian built on
     * {@code hDiag}·I. Called with q = -g it yields torch's direction d.
     */
    void applyInverseHessian(INDArray q, double hDiag) {
        for (int i = size - 1; i >= 0; i--) {
            int k = slot(i);
            alpha[i] = Vectors.dot(steps[k], q) * rho[k];
            Vectors.axpy(-alpha[i], gradientDiffs[k], q);
        }
        Vectors.scale(hDiag, q);
        for (int i = 0; i < size; i++) {
            int k = slot(i);
            double beta = Vectors.dot(gradientDiffs[k], q) * rho[k];
            Vectors.axpy(alpha[i] - beta, steps[k], q);
        }
    }

    /** Ring index of the i-th oldest pair. */
    private int slot(int i) {
        return (oldest + i) % steps.length;
    }

    @Override
    public void close() {
        for (int i = 0; i < steps.length; i++) {
            Vectors.release(steps[i]);
            Vectors.release(gradientDiffs[i]);
            steps[i] = null;
            gradientDiffs[i] = null;
        }
        Vectors.release(spareStep);
        Vectors.release(spareGradientDiff);
        spareStep = null;
        spareGradientDiff = null;
        size = 0;
    }
}
