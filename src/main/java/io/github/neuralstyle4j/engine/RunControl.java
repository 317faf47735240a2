package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.image.ImageLoading;

/**
 * How a caller bounds and steers a run from outside its config.
 *
 * @param stop      checked between evaluations; see {@link StopRequest}
 * @param maxPixels input images whose header declares more pixels are refused before decoding
 */
public record RunControl(StopRequest stop, long maxPixels) {

    public RunControl {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
    }

    /** A fresh stop request and {@link ImageLoading#DEFAULT_MAX_PIXELS}. */
    public static RunControl defaults() {
        return new RunControl(new StopRequest(), ImageLoading.DEFAULT_MAX_PIXELS);
    }
}
