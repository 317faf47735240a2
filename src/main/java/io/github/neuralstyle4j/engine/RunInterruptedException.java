package io.github.neuralstyle4j.engine;

/**
 * A run that ended early: its loss or gradient became NaN/Inf, or a {@link StopRequest} was made. It carries what
 * the run had earned so far, so that the caller can still write the best image and the report.
 */
public final class RunInterruptedException extends EngineException {
    private static final long serialVersionUID = 1L;

    private final transient StyleTransferRun.Outcome bestSoFar;
    private final boolean requested;

    public RunInterruptedException(String message, StyleTransferRun.Outcome bestSoFar, boolean requested,
                                   Throwable cause) {
        super(message, cause);
        this.bestSoFar = bestSoFar;
        this.requested = requested;
    }

    /** The best evaluated image, its losses and every evaluation so far; null when no evaluation finished. */
    public StyleTransferRun.Outcome bestSoFar() {
        return bestSoFar;
    }

    /** True when the run was asked to stop, false when it failed (a non-finite loss or gradient). */
    public boolean requested() {
        return requested;
    }
}
