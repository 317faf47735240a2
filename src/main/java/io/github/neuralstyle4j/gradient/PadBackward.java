package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pad, for pads given as an input (opset 11+) or an attribute (opset 2–10). In constant mode the adjoint crops g
 * back to x (Slice) and zero-fills what negative pads had cropped off x (Pad). Reflect and edge copy border rows of
 * x, so their adjoint also folds the border gradients back, one axis at a time (a pad over several axes is the
 * composition of one-axis pads, and so is its adjoint), with a begin pad a, an end pad b and n rows of x:
 * <ul>
 *   <li>reflect: g[a−1 … 0] lands on x[1 … a] and g[a+n … a+n+b−1] on x[n−2 … n−1−b] (reversed Slices, each
 *       zero-padded into place and summed with the centre);</li>
 *   <li>edge: the border rows sum (ReduceSum) onto x[0] and x[n−1].</li>
 * </ul>
 * Negative pads in those modes and wrap mode (opset 19) are refused.
 */
final class PadBackward implements BackwardRule {

    @Override
    public void emit(NodeProto pad, String g, BackwardContext ctx) {
        for (String in : pad.getInputList().subList(1, pad.getInputCount())) {
            if (ctx.isVariable(in)) {
                throw new UnsupportedOperatorException("Pad", pad.getName(), "pads or a fill value that depend on the image");
            }
        }
        String x = pad.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        long[] xs = ctx.shape(x);
        long[] pads = ctx.graph().pads(pad, xs.length);
        String mode = OnnxProtos.stringAttr(pad, "mode", "constant");
        if (mode.equals("constant")) {
            ctx.contribute(x, unpadConstant(pad, g, ctx.shape(pad.getOutput(0)), pads, ctx));
            return;
        }
        if (!mode.equals("reflect") && !mode.equals("edge")) {
            throw new UnsupportedOperatorException("Pad", pad.getName(), "mode '" + mode + "'");
        }
        if (Arrays.stream(pads).anyMatch(p -> p < 0)) {
            throw new UnsupportedOperatorException("Pad", pad.getName(), "negative pads in mode '" + mode + "'");
        }
        String t = g;
        for (int axis = 0; axis < xs.length; axis++) {
            if (pads[axis] != 0 || pads[axis + xs.length] != 0) {
                t = fold(pad, t, xs.length, axis, pads[axis], xs[axis], pads[axis + xs.length], mode, ctx);
            }
        }
        ctx.contribute(x, t);
    }

    /** The adjoint of a constant pad: Slice off what was added, then Pad back with zeros what was cropped. */
    private static String unpadConstant(NodeProto pad, String g, long[] ys, long[] pads, BackwardContext ctx) {
        int rank = ys.length;
        long[] starts = new long[rank];
        long[] ends = new long[rank];
        long[] refill = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            starts[i] = Math.max(0, pads[i]);
            ends[i] = ys[i] - Math.max(0, pads[i + rank]);
            refill[i] = Math.max(0, -pads[i]);
            refill[i + rank] = Math.max(0, -pads[i + rank]);
        }
        String t = g;
        if (Arrays.stream(pads).anyMatch(p -> p > 0)) {
            long[] axes = new long[rank];
            Arrays.setAll(axes, i -> i);
            t = ctx.emit(pad, "Slice", List.of(t, ctx.longs(pad, "starts", starts), ctx.longs(pad, "ends", ends),
                    ctx.longs(pad, "axes", axes)));
        }
        if (Arrays.stream(refill).anyMatch(p -> p > 0)) {
            t = ctx.emit(pad, "Pad", List.of(t, ctx.longs(pad, "refill", refill)));
        }
        return t;
    }

    /** Folds one axis of a reflect / edge pad: t has a + n + b rows along {@code axis}, the result n. */
    private static String fold(NodeProto pad, String t, int rank, int axis, long a, long n, long b, String mode,
                               BackwardContext ctx) {
        boolean reflect = mode.equals("reflect");
        if (reflect && (a >= n || b >= n)) {
            throw new UnsupportedOperatorException("Pad", pad.getName(), "reflect pads of " + a + " and " + b
                    + " on an axis of " + n);
        }
        List<String> parts = new ArrayList<>();
        parts.add(slice(pad, t, axis, a, a + n, 1, ctx));
        if (a > 0) {
            parts.add(reflect
                    ? place(pad, slice(pad, t, axis, a - 1, -(a + n + b + 1), -1, ctx), rank, axis, 1, n - 1 - a, ctx)
                    : place(pad, sumRows(pad, slice(pad, t, axis, 0, a, 1, ctx), axis, ctx), rank, axis, 0, n - 1, ctx));
        }
        if (b > 0) {
            parts.add(reflect
                    ? place(pad, slice(pad, t, axis, a + n + b - 1, a + n - 1, -1, ctx), rank, axis, n - 1 - b, 1, ctx)
                    : place(pad, sumRows(pad, slice(pad, t, axis, a + n, a + n + b, 1, ctx), axis, ctx), rank, axis,
                            n - 1, 0, ctx));
        }
        return parts.size() == 1 ? parts.get(0) : ctx.emit(pad, "Sum", parts);
    }

    private static String slice(NodeProto pad, String t, int axis, long start, long end, long step, BackwardContext ctx) {
        return ctx.emit(pad, "Slice", List.of(t, ctx.longs(pad, "starts", start), ctx.longs(pad, "ends", end),
                ctx.longs(pad, "axes", axis), ctx.longs(pad, "steps", step)));
    }

    private static String sumRows(NodeProto pad, String t, int axis, BackwardContext ctx) {
        return ctx.emit(pad, "ReduceSum", List.of(t, ctx.longs(pad, "axes", axis)), OnnxProtos.integer("keepdims", 1));
    }

    /** Zero-pads t along one axis by {@code before} and {@code after} rows, moving it to its place in x. */
    private static String place(NodeProto pad, String t, int rank, int axis, long before, long after,
                                BackwardContext ctx) {
        long[] pads = new long[2 * rank];
        pads[axis] = before;
        pads[axis + rank] = after;
        return ctx.emit(pad, "Pad", List.of(t, ctx.longs(pad, "pads", pads)));
    }
}
