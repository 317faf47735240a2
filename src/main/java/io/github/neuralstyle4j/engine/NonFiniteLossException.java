package io.github.neuralstyle4j.engine;

/** The loss or its gradient became NaN or infinite: the run cannot continue meaningfully. */
public final class NonFiniteLossException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final int evaluation;

    public NonFiniteLossException(int evaluation, String what) {
        super(what + " is not finite at evaluation " + evaluation);
        this.evaluation = evaluation;
    }

    public int evaluation() {
        return evaluation;
    }
}
