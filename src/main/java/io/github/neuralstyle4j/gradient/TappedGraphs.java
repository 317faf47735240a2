package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.List;
import java.util.Map;

/**
 * The two graphs of one run at one image size.
 *
 * @param forward       image → the tap tensors and the {@code saved} tensors, nothing past the last tap
 * @param backward      saved tensors + {@link #gradientInput(String) gradients at the taps} → {@link #IMAGE_GRADIENT}
 * @param taps          the forward outputs the losses read, in the order asked for: tapped tensors, or Gram
 *                      matrices of tapped tensors in graphs from {@link GradientGraphBuilder#buildWithGrams}
 * @param saved         forward tensors the backward graph reads (ReLU and Clip outputs, max-pool switches), which the
 *                      forward graph returns and the caller hands over unchanged; in graphs from
 *                      {@link GradientGraphBuilder#buildWithGrams} only the image, which the backward graph reads to
 *                      recompute the rest
 * @param shapes        static shape of every forward tensor at this size
 */
public record TappedGraphs(ModelProto forward, ModelProto backward, List<String> taps, List<String> saved,
                           Map<String, long[]> shapes) {

    /** Output of the backward graph: dL/d(image). */
    public static final String IMAGE_GRADIENT = "grad/image";

    /**
     * The bytes that cross between host and device per evaluation when each graph runs in its own session on a
     * device: every input and output of both graphs (ORT's Java API copies each one; a forward output that the
     * backward graph reads crosses twice).
     */
    public long boundaryBytes() {
        return boundaryBytes(forward.getGraph()) + boundaryBytes(backward.getGraph());
    }

    private static long boundaryBytes(GraphProto g) {
        long bytes = 0;
        for (ValueInfoProto v : g.getInputList()) {
            bytes += bytes(v);
        }
        for (ValueInfoProto v : g.getOutputList()) {
            bytes += bytes(v);
        }
        return bytes;
    }

    private static long bytes(ValueInfoProto v) {
        var type = v.getType().getTensorType();
        long n = 1;
        for (var d : type.getShape().getDimList()) {
            if (!d.hasDimValue()) {
                throw new IllegalStateException("tensor '" + v.getName() + "' has no static shape");
            }
            n *= d.getDimValue();
        }
        return n * switch (type.getElemType()) {
            case TensorProto.DataType.FLOAT_VALUE -> Float.BYTES;
            case TensorProto.DataType.INT64_VALUE -> Long.BYTES;
            default -> throw new IllegalStateException("tensor '" + v.getName() + "' has element type "
                    + type.getElemType());
        };
    }

    /** Name of the backward graph's input that receives dL/dF for a tapped tensor. */
    public static String gradientInput(String tap) {
        return "grad/" + tap;
    }
}
