package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import io.github.neuralstyle4j.backbone.SpatialWindow;

import java.util.List;

/**
 * Conv(x, W): dL/dx is the adjoint convolution of g; the bias has no effect on dL/dx.
 *
 * <p>With unit strides and one group (every VGG convolution) it is a plain Conv of g with W's two channel axes
 * swapped and its window flipped, padded by dilation·(k−1) − pad on each side. ORT runs that as a direct NCHWc
 * convolution, where a ConvTranspose would multiply into a [C_in·k², H·W] column buffer and fold it back (col2im):
 * 0.8 GB for VGG's 64-channel layers at 682×512, and slower. The transposed, flipped weight is computed inside the
 * graph (Transpose, Slice with step −1), which ORT folds into a constant when the session loads.
 *
 * <p>Otherwise (strides, groups, pads wider than the window) dL/dx = ConvTranspose(g, W) with the same strides,
 * pads, dilations and group: ONNX stores the weight of both as [M, C/group, kH, kW], so W is reused as it is, and
 * output_padding restores rows a strided forward window never reached.
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
        long group = OnnxProtos.intAttr(conv, "group", 1);
        long[] adjointPads = adjointPads(win);
        String dx;
        if (group == 1 && adjointPads != null) {
            int spatial = win.kernel().length;
            long[] perm = new long[2 + spatial];
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i < 2 ? 1 - i : i;
            }
            String swapped = ctx.emit(conv, "Transpose", List.of(ctx.constant(w)), OnnxProtos.ints("perm", perm));
            long[] starts = new long[spatial];
            long[] ends = new long[spatial];
            long[] axes = new long[spatial];
            long[] steps = new long[spatial];
            for (int i = 0; i < spatial; i++) {
                starts[i] = -1;
                ends[i] = Long.MIN_VALUE; // with step −1: through index 0 (ONNX clamps it to −1)
                axes[i] = 2 + i;
                steps[i] = -1;
            }
            String flipped = ctx.emit(conv, "Slice", List.of(swapped, ctx.longs(conv, "flip_starts", starts),
                    ctx.longs(conv, "flip_ends", ends), ctx.longs(conv, "flip_axes", axes),
                    ctx.longs(conv, "flip_steps", steps)));
            dx = ctx.emit(conv, "Conv", List.of(g, flipped),
                    OnnxProtos.ints("kernel_shape", win.kernel()),
                    OnnxProtos.ints("dilations", win.dilations()),
                    OnnxProtos.ints("pads", adjointPads));
        } else {
            dx = ctx.emit(conv, "ConvTranspose", List.of(g, ctx.constant(w)),
                    OnnxProtos.ints("kernel_shape", win.kernel()),
                    OnnxProtos.ints("strides", win.strides()),
                    OnnxProtos.ints("dilations", win.dilations()),
                    OnnxProtos.ints("pads", win.pads()),
                    OnnxProtos.ints("output_padding", win.transposeOutputPadding()),
                    OnnxProtos.integer("group", group));
        }
        ctx.contribute(x, dx);
    }

    /**
     * The pads of the adjoint convolution for a unit-stride window, dilation·(k−1) − pad per side (begins, then
     * ends, as ONNX orders them); null when the window is strided or a pad exceeds the dilated window.
     */
    private static long[] adjointPads(SpatialWindow win) {
        int n = win.kernel().length;
        long[] pads = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long reach = win.dilations()[i] * (win.kernel()[i] - 1);
            pads[i] = reach - win.padsBegin()[i];
            pads[n + i] = reach - win.padsEnd()[i];
            if (win.strides()[i] != 1 || pads[i] < 0 || pads[n + i] < 0) {
                return null;
            }
        }
        return pads;
    }
}
