package io.github.neuralstyle4j.search;

/** A search index that cannot be used as asked: missing, or built with another backbone, layer or descriptor. */
public final class SearchException extends RuntimeException {
    public SearchException(String message) {
        super(message);
    }

    public SearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
