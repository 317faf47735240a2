package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.image.ImageException;

/** A video file that cannot be read or a frame folder that cannot be used: the input's fault (exit code 4). */
public final class VideoException extends ImageException {

    public VideoException(String message) {
        super(message);
    }

    public VideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
