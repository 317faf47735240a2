package io.github.neuralstyle4j.image;

/**
 * An image could not be written (a full disk, a folder that went away, a target another program took): an output
 * failure, exit code 7, where a failure to read an image is 4.
 */
public final class ImageWriteException extends ImageException {
    private static final long serialVersionUID = 1L;

    public ImageWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
