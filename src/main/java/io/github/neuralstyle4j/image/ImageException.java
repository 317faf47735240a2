package io.github.neuralstyle4j.image;

/**
 * An image could not be read, decoded, resized or written. The message is one line that names the file
 * (or builtin image) concerned, so that it can be shown to a user as it is.
 */
public class ImageException extends RuntimeException {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
