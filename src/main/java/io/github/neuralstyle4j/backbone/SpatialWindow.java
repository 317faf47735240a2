package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Arrays;

/**
 * The sliding-window geometry of a 2-D Conv, MaxPool or AveragePool node with every ONNX default and auto_pad
 * resolved into explicit pads, for one input size. Backward rules need it to size their transposed windows.
 */
public record SpatialWindow(long[] kernel, long[] strides, long[] dilations, long[] padsBegin, long[] padsEnd,
                            boolean ceilMode, long[] inputSize, long[] outputSize) {

    /** Resolves the window of {@code node} applied to an input of spatial size {@code input} (H, W). */
    public static SpatialWindow of(NodeProto node, long[] kernel, long[] input) {
        int rank = input.length;
        long[] strides = OnnxProtos.intsAttr(node, "strides", filled(rank, 1));
        long[] dilations = OnnxProtos.intsAttr(node, "dilations", filled(rank, 1));
        long[] pads = OnnxProtos.intsAttr(node, "pads", filled(2 * rank, 0));
        boolean ceil = OnnxProtos.intAttr(node, "ceil_mode", 0) != 0;
        String autoPad = OnnxProtos.stringAttr(node, "auto_pad", "NOTSET");
        long[] begin = Arrays.copyOfRange(pads, 0, rank);
        long[] end = Arrays.copyOfRange(pads, rank, 2 * rank);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long extent = dilations[i] * (kernel[i] - 1) + 1;
            switch (autoPad) {
                case "NOTSET" -> out[i] = outputLength(input[i] + begin[i] + end[i], extent, strides[i], ceil, input[i] + begin[i]);
                case "VALID" -> {
                    begin[i] = 0;
                    end[i] = 0;
                    out[i] = outputLength(input[i], extent, strides[i], ceil, input[i]);
                }
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = (input[i] + strides[i] - 1) / strides[i];
                    long total = Math.max(0, (out[i] - 1) * strides[i] + extent - input[i]);
                    long small = total / 2;
                    begin[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    end[i] = total - begin[i];
                }
                default -> throw new BackboneException("node '" + node.getName() + "' (" + node.getOpType()
                        + "): unknown auto_pad '" + autoPad + "'");
            }
            if (out[i] <= 0) {
                throw new BackboneException("node '" + node.getName() + "' (" + node.getOpType() + "): input "
                        + Arrays.toString(input) + " is too small for a window of " + Arrays.toString(kernel)
                        + "; use a larger image or fewer layers");
            }
        }
        return new SpatialWindow(kernel, strides, dilations, begin, end, ceil, input.clone(), out);
    }

    private static long outputLength(long paddedLength, long extent, long stride, boolean ceil, long lastStartLimit) {
        long span = paddedLength - extent;
        if (span < 0) {
            return 0;
        }
        long out = (ceil ? Math.floorDiv(span + stride - 1, stride) : Math.floorDiv(span, stride)) + 1;
        // ceil mode: a window may not start inside the end padding (ONNX / PyTorch rule)
        if (ceil && (out - 1) * stride >= lastStartLimit) {
            out--;
        }
        return out;
    }

    /**
     * The output_padding that makes a ConvTranspose with this window return exactly the forward input size:
     * the adjoint of a strided window must also cover input rows the forward windows never reached.
     */
    public long[] transposeOutputPadding() {
        long[] op = new long[inputSize.length];
        for (int i = 0; i < op.length; i++) {
            long natural = (outputSize[i] - 1) * strides[i] - padsBegin[i] - padsEnd[i]
                    + dilations[i] * (kernel[i] - 1) + 1;
            op[i] = inputSize[i] - natural;
            if (op[i] < 0) {
                throw new IllegalStateException("negative output padding " + op[i] + " for window " + this);
            }
        }
        return op;
    }

    public long[] pads() {
        long[] pads = new long[padsBegin.length * 2];
        System.arraycopy(padsBegin, 0, pads, 0, padsBegin.length);
        System.arraycopy(padsEnd, 0, pads, padsBegin.length, padsEnd.length);
        return pads;
    }

    static long[] filled(int n, long value) {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return a;
    }

    @Override
    public String toString() {
        return "SpatialWindow[kernel=" + Arrays.toString(kernel) + ", strides=" + Arrays.toString(strides)
                + ", dilations=" + Arrays.toString(dilations) + ", pads=" + Arrays.toString(pads())
                + ", ceil=" + ceilMode + ", in=" + Arrays.toString(inputSize) + ", out=" + Arrays.toString(outputSize) + "]";
    }
}
