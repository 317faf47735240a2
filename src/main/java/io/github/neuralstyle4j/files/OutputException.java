package io.github.neuralstyle4j.files;

/**
 * An output cannot or may not be written (exists without {@code --overwrite}, is an input, is a device, an
 * unwritable folder, two outputs on one file): exit code 7.
 */
public final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
