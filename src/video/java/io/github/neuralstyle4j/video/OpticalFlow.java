package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.image.RgbImage;

/** Dense optical flow between two frames of one size. */
@FunctionalInterface
public interface OpticalFlow {

    /** The flow from {@code from} to {@code to}: pixel p of {@code from} shows what {@code to} shows at p + flow(p). */
    Flow between(RgbImage from, RgbImage to);
}
