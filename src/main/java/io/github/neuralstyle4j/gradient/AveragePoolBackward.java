package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;
import io.github.neuralstyle4j.backbone.SpatialWindow;

import java.util.Arrays;
import java.util.List;

/**
 * AveragePool is y = (window sum of x) / count, a depthwise convolution with a kernel of ones followed by a division.
 * Its adjoint divides g by the same counts and spreads it with a depthwise ConvTranspose of ones. The counts are
 * computed here for the static input size: the window's overlap with the input (count_include_pad=0) or with the
 * padded input (count_include_pad=1).
 */
final class AveragePoolBackward implements BackwardRule {

    @Override
    public void emit(NodeProto pool, String g, BackwardContext ctx) {
        String x = pool.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        long[] xs = ctx.shape(x);
        SpatialWindow win = ctx.graph().window(pool, xs);
        if (Arrays.stream(win.dilations()).anyMatch(d -> d != 1)) {
            throw new UnsupportedOperatorException("AveragePool", pool.getName(), "dilations other than 1");
        }
        boolean includePad = OnnxProtos.intAttr(pool, "count_include_pad", 0) != 0;
        long[] out = win.outputSize();
        float[] inverseCounts = new float[(int) (out[0] * out[1])];
        float[] rows = counts(win, 0, includePad);
        float[] cols = counts(win, 1, includePad);
        for (int i = 0; i < out[0]; i++) {
            for (int j = 0; j < out[1]; j++) {
                inverseCounts[(int) (i * out[1] + j)] = 1f / (rows[i] * cols[j]);
            }
        }
        String scale = ctx.newConstant(pool, "inverse_counts",
                OnnxProtos.floatTensor("c", new long[] {1, 1, out[0], out[1]}, inverseCounts));
        long channels = xs[1];
        long[] k = win.kernel();
        float[] ones = new float[(int) (channels * k[0] * k[1])];
        Arrays.fill(ones, 1f);
        String kernel = ctx.newConstant(pool, "ones",
                OnnxProtos.floatTensor("ones", new long[] {channels, 1, k[0], k[1]}, ones));
        String scaled = ctx.emit(pool, "Mul", List.of(g, scale));
        String dx = ctx.emit(pool, "ConvTranspose", List.of(scaled, kernel),
                OnnxProtos.ints("kernel_shape", k),
                OnnxProtos.ints("strides", win.strides()),
                OnnxProtos.ints("pads", win.pads()),
                OnnxProtos.ints("output_padding", win.transposeOutputPadding()),
                OnnxProtos.integer("group", channels));
        ctx.contribute(x, dx);
    }

    /** Elements of each window along one axis that count towards its divisor. */
    private static float[] counts(SpatialWindow win, int axis, boolean includePad) {
        long n = win.inputSize()[axis];
        long lo = includePad ? -win.padsBegin()[axis] : 0;
        long hi = includePad ? n + win.padsEnd()[axis] : n;
        float[] c = new float[(int) win.outputSize()[axis]];
        for (int o = 0; o < c.length; o++) {
            long start = o * win.strides()[axis] - win.padsBegin()[axis];
            long end = start + win.kernel()[axis];
            c[o] = Math.min(end, hi) - Math.max(start, lo);
        }
        return c;
    }
}
