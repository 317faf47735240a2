package io.github.neuralstyle4j.gradient;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tolerances for {@link FiniteDifferenceCheck}. The forward pass is float32: a feature carries a relative rounding
 * error of about 1e-6 (sums of ~100 products), and the central difference over 2·eps = 6e-4 divides that by ~1e-3,
 * so about 1e-3 relative error is expected of an exact gradient; a wrong rule (a missed transpose, a misplaced
 * window, a lost fan-out) gives errors of order 1. At most 5 % of coordinates may sit within eps of a kink.
 */
final class GradientAssertions {

    private GradientAssertions() {
    }

    static void assertMatches(FiniteDifferenceCheck.Result r, int coordinates) {
        assertMatches(r, coordinates, 0.99999, 3e-3);
    }

    /**
     * For deep stacks: a kink whose slope change is below the detection threshold still adds error in proportion
     * to its size, and a stack of ReLUs and pools has many; hence the looser bounds, still far from the O(1) error
     * of a wrong rule.
     */
    static void assertMatchesDeep(FiniteDifferenceCheck.Result r, int coordinates) {
        assertMatches(r, coordinates, 0.9999, 1e-2);
    }

    static void assertMatches(FiniteDifferenceCheck.Result r, int coordinates, double minCosine, double maxError) {
        String what = String.format("cosine %.8f, relative L2 error %.3e, kinks %d of %d",
                r.cosine(), r.relativeError(), r.kinks(), coordinates);
        assertTrue(r.kinks() <= coordinates / 20, "too many kinks: " + what);
        assertTrue(r.cosine() >= minCosine, what);
        assertTrue(r.relativeError() <= maxError, what);
    }
}
