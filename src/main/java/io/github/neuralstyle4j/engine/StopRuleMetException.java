package io.github.neuralstyle4j.engine;

/**
 * Thrown after an evaluation when the config's {@link io.github.neuralstyle4j.config.StopRule} ends the run;
 * {@link StyleTransferRun} turns it into an ordinary outcome with the best evaluated image.
 */
final class StopRuleMetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopRuleMetException(String reason) {
        super(reason, null, false, false); // control flow, not a failure: no stack trace
    }
}
