package io.github.neuralstyle4j.optim;

/**
 * torch's {@code _cubic_interpolate}: the minimiser of the cubic through two points with their values
 * and slopes, clipped to bounds (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., eq. 3.59).
 */
final class CubicInterpolation {

    private CubicInterpolation() {
    }

    /** The minimiser within [min(x1, x2), max(x1, x2)]. */
    static double minimizer(double x1, double f1, double g1, double x2, double f2, double g2) {
        return x1 <= x2
                ? minimizer(x1, f1, g1, x2, f2, g2, x1, x2)
                : minimizer(x1, f1, g1, x2, f2, g2, x2, x1);
    }

    /** The minimiser within [lowerBound, upperBound]; their midpoint if the cubic has no minimum. */
    static double minimizer(double x1, double f1, double g1, double x2, double f2, double g2,
            double lowerBound, double upperBound) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return PythonMath.min(PythonMath.max(minPos, lowerBound), upperBound);
        }
        return (lowerBound + upperBound) / 2;
    }
}
