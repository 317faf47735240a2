/**
 * The engine: ONNX Runtime sessions for the forward and gradient graphs, the hand-over of tensors between them and
 * ND4J without copies (ORT writes tapped features straight into ND4J's off-heap buffers, and reads the image from the
 * optimiser's), the style-transfer objective that one L-BFGS evaluation calls, and the runs behind
 * {@link io.github.neuralstyle4j.api.StyleTransfer}: they take a request with its images in memory and read no files.
 * Native memory has one owner per group: {@link io.github.neuralstyle4j.engine.RunResources} the sessions, a run's
 * {@link io.github.neuralstyle4j.engine.NativeScope} its arrays and loss targets.
 */
package io.github.neuralstyle4j.engine;
