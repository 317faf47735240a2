package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * Identity, and Dropout at inference (its output 0 is its input): the gradient passes through unchanged. A Dropout
 * whose training_mode input (opset 12+) is true draws a random mask in every pass, so it is refused.
 */
enum PassThroughBackward implements BackwardRule {
    IDENTITY, DROPOUT;

    @Override
    public void emit(NodeProto node, String g, BackwardContext ctx) {
        if (this == DROPOUT && node.getInputCount() > 2 && !node.getInput(2).isEmpty()
                && isTrue(ctx.graph().constantInput(node, 2))) {
            throw new UnsupportedOperatorException("Dropout", node.getName(), "training_mode=true");
        }
        ctx.contribute(node.getInput(0), g);
    }

    private static boolean isTrue(TensorProto bool) {
        return bool.getRawData().isEmpty() ? bool.getInt32Data(0) != 0 : bool.getRawData().byteAt(0) != 0;
    }
}
