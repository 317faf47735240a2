package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;

/** Flatten and Reshape only relabel the elements: dL/dx = Reshape(g, shape of x), a static shape at this size. */
final class ReshapeBackward implements BackwardRule {

    @Override
    public void emit(NodeProto node, String g, BackwardContext ctx) {
        String x = node.getInput(0);
        if (ctx.isVariable(x)) {
            ctx.contribute(x, ctx.emit(node, "Reshape", List.of(g, ctx.longs(node, "shape", ctx.shape(x)))));
        }
    }
}
