/**
 * Video style transfer with temporal consistency (Ruder, Dosovitskiy &amp; Brox 2016): frames from a folder or an
 * mp4 (JavaCV's FFmpeg), dense optical flow between consecutive frames (OpenCV's DIS through JavaCV), Ruder's
 * forward-backward consistency mask, each frame started from the warped previous result and held to it by a
 * temporal loss ({@link io.github.neuralstyle4j.video.TemporalLoss}, an {@link io.github.neuralstyle4j.api.ImageTerm}).
 * An optional stack: built by the Maven profile {@code video}, never part of the core jar (docs/video.md).
 */
package io.github.neuralstyle4j.video;
