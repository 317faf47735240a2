package io.github.neuralstyle4j.engine;

/** Thrown between two evaluations when a {@link StopRequest} was made; {@link StyleTransferRun} turns it into a result. */
final class StopRequestedException extends EngineException {
    private static final long serialVersionUID = 1L;

    StopRequestedException(String reason, int evaluations) {
        super(reason + (evaluations == 0 ? " before the first evaluation" : " after evaluation " + evaluations));
    }
}
