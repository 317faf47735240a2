package io.github.neuralstyle4j.engine;

/** A failure inside the runtime (ONNX Runtime, device set-up); the message is one line meant for the user. */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
