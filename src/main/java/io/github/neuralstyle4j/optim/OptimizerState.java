package io.github.neuralstyle4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimiser's state between runs, as named numbers and float32 vectors, so that a checkpoint can store any
 * algorithm's state without knowing it. Values are copied in and handed out as they are (treat them as read-only).
 *
 * @param algorithm   the {@link ImageOptimizer#name()} that wrote it
 * @param evaluations evaluations made so far, over all resumed runs
 */
public record OptimizerState(String algorithm, int evaluations, Map<String, Double> numbers,
                             Map<String, float[]> vectors) {

    public OptimizerState {
        numbers = Map.copyOf(numbers);
        vectors = new LinkedHashMap<>(vectors);
    }

    public double number(String name) {
        Double v = numbers.get(name);
        if (v == null) {
            throw new IllegalArgumentException(algorithm + " state has no number '" + name + "'");
        }
        return v;
    }

    public float[] vector(String name) {
        float[] v = vectors.get(name);
        if (v == null) {
            throw new IllegalArgumentException(algorithm + " state has no vector '" + name + "'");
        }
        return v;
    }

    /** Checks that the state belongs to {@code algorithm}, with a message a user can act on. */
    public OptimizerState requireAlgorithm(String expected) {
        if (!algorithm.equals(expected)) {
            throw new IllegalArgumentException("the checkpoint holds " + algorithm + " state, but the run uses "
                    + expected);
        }
        return this;
    }
}
