package io.github.neuralstyle4j.engine;

/** Told about every evaluation, for progress display and reports. */
@FunctionalInterface
public interface EvaluationListener {

    void onEvaluation(Evaluation evaluation);

    EvaluationListener NONE = e -> { };
}
