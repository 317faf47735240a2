package io.github.neuralstyle4j.backbone;

/** A backbone folder or graph that cannot be used; the message is one line meant for the user. */
public class BackboneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackboneException(String message) {
        super(message);
    }

    public BackboneException(String message, Throwable cause) {
        super(message, cause);
    }
}
