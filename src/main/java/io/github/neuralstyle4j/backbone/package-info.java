/**
 * Backbones: a folder with an ONNX feature graph ({@code features.onnx}) and its manifest ({@code backbone.json}),
 * the graph analysis the gradient graph needs (constants, static shapes, windows), and the generator of the
 * embedded default, a VGG19 feature stack (Simonyan &amp; Zisserman 2015) with seeded He-normal weights.
 */
package io.github.neuralstyle4j.backbone;
