package io.github.neuralstyle4j.cli;

/** An output cannot or may not be written (exists without {@code --overwrite}, unwritable folder): exit code 7. */
final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputException(String message) {
        super(message);
    }

    OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
