package io.github.neuralstyle4j.optim;

/**
 * Python's built-in {@code min}/{@code max} of two numbers, which torch's line search relies on.
 *
 * <p>They differ from {@link Math#min}/{@link Math#max} when an argument is NaN (Python keeps the first
 * argument unless the second compares better) and for ±0; the port follows Python so that degenerate
 * interpolations end where torch's do.
 */
final class PythonMath {

    private PythonMath() {
    }

    /** {@code max(a, b)}: b if b &gt; a, otherwise a. */
    static double max(double a, double b) {
        return b > a ? b : a;
    }

    /** {@code min(a, b)}: b if b &lt; a, otherwise a. */
    static double min(double a, double b) {
        return b < a ? b : a;
    }
}
