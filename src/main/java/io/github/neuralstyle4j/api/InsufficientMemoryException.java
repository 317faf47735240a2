package io.github.neuralstyle4j.api;

/**
 * A run refused before anything was allocated, because its estimated peak memory exceeds the limit (the request's
 * {@link Request#memoryLimit()}, or the memory available when it starts).
 */
public final class InsufficientMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final int height;
    private final String estimate;
    private final long limit;
    private final boolean limitRequested;

    /**
     * @param width          the working width of the largest stage
     * @param height         its working height
     * @param estimate       the estimate in words, with its parts
     * @param limit          the limit in bytes
     * @param limitRequested true when the limit was the request's, false when it was the available memory
     */
    public InsufficientMemoryException(int width, int height, String estimate, long limit, boolean limitRequested) {
        super(String.format("a %d×%d run needs an estimated %s, more than the %s %s; use a smaller size, a"
                        + " coarse-to-fine schedule whose last stage fits, or fewer/earlier layers", width, height,
                estimate, io.github.neuralstyle4j.engine.MemoryEstimate.human(limit),
                limitRequested ? "limit" : "memory available now"));
        this.width = width;
        this.height = height;
        this.estimate = estimate;
        this.limit = limit;
        this.limitRequested = limitRequested;
    }

    /** The working width of the largest stage. */
    public int width() {
        return width;
    }

    /** The working height of the largest stage. */
    public int height() {
        return height;
    }

    /** The estimate in words, e.g. {@code 1.9 GB (weights 2×80 MB, ...)}. */
    public String estimate() {
        return estimate;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** True when the limit was the request's own, false when it was the memory available. */
    public boolean limitRequested() {
        return limitRequested;
    }
}
