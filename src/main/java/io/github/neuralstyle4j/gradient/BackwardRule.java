package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * The vector-Jacobian product of one forward operator, written as ONNX nodes: given the gradient arriving at the
 * node's first output, contribute the gradient of every input that depends on the image.
 */
@FunctionalInterface
public interface BackwardRule {

    void emit(NodeProto forward, String outputGradient, BackwardContext context);
}
