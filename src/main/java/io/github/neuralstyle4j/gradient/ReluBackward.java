package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;

/** Relu: dL/dx = g · 1[y > 0], and for y = relu(x) ≥ 0 that indicator is exactly Sign(y). */
final class ReluBackward implements BackwardRule {

    @Override
    public void emit(NodeProto relu, String g, BackwardContext ctx) {
        String x = relu.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        String mask = ctx.emit(relu, "Sign", List.of(ctx.saved(relu.getOutput(0))));
        ctx.contribute(x, ctx.emit(relu, "Mul", List.of(g, mask)));
    }
}
