package io.github.neuralstyle4j.regress;

/** A suite or case that cannot be used: a missing or malformed file, or a reference that does not fit its case. */
public final class RegressionException extends RuntimeException {

    public RegressionException(String message) {
        super(message);
    }

    public RegressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
