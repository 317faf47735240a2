package io.github.neuralstyle4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CubicInterpolationTest {

    // p(x) = x³ - 3x: p(0) = 0, p'(0) = -3, p(2) = 2, p'(2) = 9, local minimum at x = 1

    @Test
    void reproducesTheMinimiserOfACubic() {
        assertEquals(1.0, CubicInterpolation.minimizer(0, 0, -3, 2, 2, 9), 1e-15);
    }

    @Test
    void doesNotDependOnTheOrderOfThePoints() {
        assertEquals(1.0, CubicInterpolation.minimizer(2, 2, 9, 0, 0, -3), 1e-15);
    }

    @Test
    void clipsToTheBounds() {
        assertEquals(1.5, CubicInterpolation.minimizer(0, 0, -3, 2, 2, 9, 1.5, 3), 0.0);
        assertEquals(0.5, CubicInterpolation.minimizer(0, 0, -3, 2, 2, 9, -1, 0.5), 0.0);
    }

    @Test
    void returnsTheMidpointWhenTheCubicHasNoMinimum() {
        // d1 = 1 + 1 - 3(0 - 0.9)/(0 - 1) = -0.7, d1² - g1·g2 = 0.49 - 1 < 0
        assertEquals(0.5, CubicInterpolation.minimizer(0, 0, 1, 1, 0.9, 1), 0.0);
        assertEquals(2.0, CubicInterpolation.minimizer(0, 0, 1, 1, 0.9, 1, 1, 3), 0.0);
    }

    @Test
    void followsPythonMinMaxOnNaN() {
        // Python's max(nan, lo) is nan and min(nan, hi) is nan; so is Math's here, but min(hi, nan) is hi
        assertEquals(3.0, PythonMath.min(3.0, Double.NaN), 0.0);
        assertEquals(3.0, PythonMath.max(3.0, Double.NaN), 0.0);
        assertEquals(Double.NaN, PythonMath.max(Double.NaN, 3.0), 0.0);
    }
}
