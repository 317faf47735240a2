/**
 * The engine: ONNX Runtime sessions for the forward and gradient graphs, the hand-over of tensors between them and
 * ND4J without copies (ORT writes tapped features straight into ND4J's off-heap buffers, and reads the image from the
 * optimiser's), and the style-transfer objective that one L-BFGS evaluation calls.
 */
package io.github.neuralstyle4j.engine;
