package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a style-transfer driver needs of an optimiser: minimise from a start point within an evaluation budget,
 * projecting every evaluated point onto a box, and (where the algorithm allows) hand over its state so that a later
 * run resumes where this one stopped.
 */
public interface ImageOptimizer extends AutoCloseable {

    /** The name used in configs and checkpoints ({@code lbfgs}, {@code adam}, {@code ncg}). */
    String name();

    /**
     * Minimises {@code f} from {@code start} (not modified).
     *
     * @param target run until about this many evaluations were made in all, counting those of a resumed state
     * @param clamp  the projection applied before each evaluation and to the final point
     * @return the final point as a new flat float32 vector (the caller closes it)
     */
    INDArray minimize(DifferentiableFunction f, INDArray start, EvaluationTarget target, ClampEachEvaluation clamp);

    /** Continue from {@code state} (taken from an earlier run with the same algorithm and dimension) on the next call. */
    void resumeFrom(OptimizerState state);

    /**
     * The state after the latest {@link #minimize} for a checkpoint, or null when this algorithm cannot resume. Only
     * kept when {@link #keepFinalState()} was called before, since it costs a copy of the optimiser's memory.
     */
    OptimizerState finalState();

    /** Ask {@link #minimize} to keep its final state for {@link #finalState()}. */
    void keepFinalState();

    @Override
    void close();
}
