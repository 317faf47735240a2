package io.github.neuralstyle4j.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One owner for a group of native resources (ORT sessions and tensors, ND4J arrays, loss targets) that live and die
 * together, after DJL's {@code NDManager}: each is registered as it is allocated and all are closed in reverse order
 * by {@link #close()}, also when a later allocation fails half way through building something. A constructor that
 * allocates several resources builds them in a scope and calls {@link #release()} once it holds them all.
 */
public final class NativeScope implements AutoCloseable {

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** Registers {@code resource} (null is ignored) and returns it. */
    public <T extends AutoCloseable> T own(T resource) {
        if (resource != null) {
            owned.push(resource);
        }
        return resource;
    }

    /** Hands everything registered so far over to the caller: {@link #close()} will no longer close it. */
    public void release() {
        owned.clear();
    }

    /** How many resources the scope holds. */
    public int size() {
        return owned.size();
    }

    /**
     * Closes everything registered, newest first; every resource is closed even when one fails, and the first
     * failure is thrown with the others suppressed.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r
                            : new EngineException("cannot release a native resource: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
