package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;

/**
 * Relu: dL/dx = g · 1[y &gt; 0], and for y = relu(x) ≥ 0 that indicator is exactly Sign(y). In the visualisation
 * modes ({@link BackwardMode}): deconvnet emits Relu(g), without the forward mask; guided emits Relu(g) · Sign(y),
 * which is g · 1[x &gt; 0] · 1[g &gt; 0].
 *
 * <p>When x is a tap (VGG's conv_N taps feed its ReLUs) and y is not, the mask is rebuilt as Sign(Relu(x)), bit for
 * bit the same, from the tap the forward pass outputs anyway, instead of holding y between the two sessions as
 * well: at 682×512 with the seed's taps that is 268 MB of ReLU outputs less, for one cheap element-wise op.
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
        String y = relu.getOutput(0);
        String rectified = !ctx.isForwardOutput(y) && ctx.isForwardOutput(x)
                ? ctx.emit(relu, "Relu", List.of(ctx.saved(x)))
                : ctx.saved(y);
        String mask = ctx.emit(relu, "Sign", List.of(rectified));
        ctx.contribute(x, ctx.emit(relu, "Mul", List.of(signal, mask)));
    }
}
