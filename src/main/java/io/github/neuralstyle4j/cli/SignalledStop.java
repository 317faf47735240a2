package io.github.neuralstyle4j.cli;

/** A run stopped by a signal after writing what it had: exits with 128 + the signal, the code a shell expects. */
final class SignalledStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    SignalledStop(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
