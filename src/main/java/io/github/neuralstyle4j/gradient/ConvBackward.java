package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import io.github.neuralstyle4j.backbone.SpatialWindow;

import java.util.List;

/**
 * Conv(x, W): dL/dx = ConvTranspose(g, W) with the same strides, pads, dilations and group. ONNX stores the weight
 * of both as [M, C/group, kH, kW], so W is reused as it is; output_padding restores rows a strided forward window
 * never reached. The bias has no effect on dL/dx.
 */
final class ConvBackward implements BackwardRule {

    @Override
    public void emit(NodeProto conv, String g, BackwardContext ctx) {
        String x = conv.getInput(0);
        String w = conv.getInput(1);
        if (ctx.isVariable(w) || (conv.getInputCount() > 2 && ctx.isVariable(conv.getInput(2)))) {
            throw new UnsupportedOperatorException("Conv", conv.getName(), "weights that depend on the image");
        }
        if (!ctx.isVariable(x)) {
            return;
        }
        SpatialWindow win = ctx.graph().window(conv, ctx.shape(x));
        String dx = ctx.emit(conv, "ConvTranspose", List.of(g, ctx.constant(w)),
                OnnxProtos.ints("kernel_shape", win.kernel()),
                OnnxProtos.ints("strides", win.strides()),
                OnnxProtos.ints("dilations", win.dilations()),
                OnnxProtos.ints("pads", win.pads()),
                OnnxProtos.ints("output_padding", win.transposeOutputPadding()),
                OnnxProtos.integer("group", OnnxProtos.intAttr(conv, "group", 1)));
        ctx.contribute(x, dx);
    }
}
