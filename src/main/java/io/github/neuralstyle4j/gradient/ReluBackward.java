package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;

/**
 * Relu: dL/dx = g · 1[y &gt; 0], and for y = relu(x) ≥ 0 that indicator is exactly Sign(y). In the visualisation
 * modes ({@link BackwardMode}): deconvnet emits Relu(g), without the forward mask; guided emits Relu(g) · Sign(y),
 * which is g · 1[x &gt; 0] · 1[g &gt; 0].
 */
final class ReluBackward implements BackwardRule {

    @Override
    public void emit(NodeProto relu, String g, BackwardContext ctx) {
        String x = relu.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        BackwardMode mode = ctx.mode();
        String signal = mode == BackwardMode.GRADIENT ? g : ctx.emit(relu, "Relu", List.of(g));
        if (mode == BackwardMode.DECONVNET) {
            ctx.contribute(x, signal);
            return;
        }
        String mask = ctx.emit(relu, "Sign", List.of(ctx.saved(relu.getOutput(0))));
        ctx.contribute(x, ctx.emit(relu, "Mul", List.of(signal, mask)));
    }
}
