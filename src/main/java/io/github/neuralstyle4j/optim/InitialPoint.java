package io.github.neuralstyle4j.optim;

import java.util.Objects;

import org.apache.commons.math3.optim.OptimizationData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The start point as an ND4J array, for problems too large for {@code InitialGuess}'s {@code double[]}.
 *
 * <p>Any shape and numeric type; the optimiser copies it, flattened in C order, into its own float32
 * vector and never writes to this array.
 *
 * @param point the start point, not empty
 */
public record InitialPoint(INDArray point) implements OptimizationData {

    public InitialPoint {
        Objects.requireNonNull(point, "point");
        if (point.isEmpty() || point.length() == 0) {
            throw new IllegalArgumentException("the initial point is empty");
        }
    }
}
