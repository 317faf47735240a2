package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * torch's {@code _strong_wolfe}: a line search for a step satisfying the strong Wolfe conditions,
 * by bracketing then zooming with cubic interpolation (Nocedal &amp; Wright, Numerical Optimization,
 * 2nd ed., Algorithms 3.5 and 3.6; torch ports it from torch7's lswolfe.lua and minFunc).
 *
 * <p>The port keeps torch's variable names and control flow so the two can be read side by side.
 * torch clones a gradient tensor whenever it keeps one; here each evaluation writes into whichever of
 * three preallocated buffers no live variable still refers to, so a search allocates nothing.
 */
final class StrongWolfeLineSearch implements AutoCloseable {

    /** Sufficient-decrease (Armijo) constant. */
    static final double C1 = 1e-4;
    /** Curvature constant. */
    static final double C2 = 0.9;
    /** Evaluations after the first before the search gives up. */
    static final int MAX_LS = 25;

    /** The outcome: the accepted step, its loss and gradient (a buffer of this search), and the evaluations spent. */
    record Result(double loss, double step, INDArray gradient, int evaluations) {
    }

    private final double toleranceChange;
    private final INDArray trial;
    // at most two gradients are live (a bracket) when a third is evaluated
    private final INDArray[] gradients = new INDArray[3];

    StrongWolfeLineSearch(long dimension, double toleranceChange) {
        this.toleranceChange = toleranceChange;
        this.trial = Vectors.allocate(dimension);
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = Vectors.allocate(dimension);
        }
    }

    /**
     * Searches along d from x, which is left unchanged.
     *
     * @param t   the initial step
     * @param f   f(x)
     * @param g   ∇f(x); not modified, may be returned as the result's gradient
     * @param gtd gᵀd, negative
     */
    Result search(LbfgsClosure closure, INDArray x, double t, INDArray d, double f, INDArray g, double gtd) {
        double dNorm = Vectors.maxAbs(d);
        INDArray gNew = freeGradient(null, null);
        double fNew = closure.evaluateAlong(x, t, d, trial, gNew);
        int lsFuncEvals = 1;
        double gtdNew = Vectors.dot(gNew, d);

        // bracket an interval containing a point satisfying the Wolfe criteria
        double tPrev = 0;
        double fPrev = f;
        INDArray gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        double[] bracketGtd = null;
        INDArray[] bracketG = null;
        while (lsIter < MAX_LS) {
            if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new INDArray[] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new INDArray[] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new INDArray[] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            // extrapolate: the cubic's minimiser within [t + 0.01(t - tPrev), 10t]
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double tmp = t;
            t = CubicInterpolation.minimizer(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            gNew = freeGradient(gPrev, null);
            fNew = closure.evaluateAlong(x, t, d, trial, gNew);
            lsFuncEvals++;
            gtdNew = Vectors.dot(gNew, d);
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            // no zoom follows (it needs lsIter < MAX_LS), so torch leaves bracket_gtd unset here too
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new INDArray[] {g, gNew};
        }

        // zoom: shrink the bracket until a point satisfies the criteria
        boolean insufficientProgress = false;
        int last = bracketF.length - 1;
        int lowPos = bracketF[0] <= bracketF[last] ? 0 : 1;
        int highPos = 1 - lowPos;
        while (!done && lsIter < MAX_LS) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) {
                break;
            }
            t = CubicInterpolation.minimizer(bracket[0], bracketF[0], bracketGtd[0],
                    bracket[1], bracketF[1], bracketGtd[1]);

            // a trial too close to an end of the bracket twice in a row, or on it, moves to 10% inside
            double bracketMax = PythonMath.max(bracket[0], bracket[1]);
            double bracketMin = PythonMath.min(bracket[0], bracket[1]);
            double eps = 0.1 * (bracketMax - bracketMin);
            if (PythonMath.min(bracketMax - t, t - bracketMin) < eps) {
                if (insufficientProgress || t >= bracketMax || t <= bracketMin) {
                    t = Math.abs(t - bracketMax) < Math.abs(t - bracketMin) ? bracketMax - eps : bracketMin + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }

            gNew = freeGradient(bracketG[0], bracketG[1]);
            fNew = closure.evaluateAlong(x, t, d, trial, gNew);
            lsFuncEvals++;
            gtdNew = Vectors.dot(gNew, d);
            lsIter++;

            if (fNew > f + C1 * t * gtd || fNew >= bracketF[lowPos]) {
                // Armijo condition not satisfied or not lower than the lowest point: new high end
                bracket[highPos] = t;
                bracketF[highPos] = fNew;
                bracketG[highPos] = gNew;
                bracketGtd[highPos] = gtdNew;
                lowPos = bracketF[0] <= bracketF[1] ? 0 : 1;
                highPos = 1 - lowPos;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0) {
                    // the old low end becomes the high end
                    bracket[highPos] = bracket[lowPos];
                    bracketF[highPos] = bracketF[lowPos];
                    bracketG[highPos] = bracketG[lowPos];
                    bracketGtd[highPos] = bracketGtd[lowPos];
                }
                bracket[lowPos] = t;
                bracketF[lowPos] = fNew;
                bracketG[lowPos] = gNew;
                bracketGtd[lowPos] = gtdNew;
            }
        }
        return new Result(bracketF[lowPos], bracket[lowPos], bracketG[lowPos], lsFuncEvals);
    }

    /** A gradient buffer that neither live reference uses (torch would clone instead). */
    private INDArray freeGradient(INDArray live1, INDArray live2) {
        for (INDArray candidate : gradients) {
            if (candidate != live1 && candidate != live2) {
                return candidate;
            }
        }
        throw new AssertionError("three buffers cannot all be live");
    }

    @Override
    public void close() {
        Vectors.release(trial);
        for (INDArray gradient : gradients) {
            Vectors.release(gradient);
        }
    }
}
