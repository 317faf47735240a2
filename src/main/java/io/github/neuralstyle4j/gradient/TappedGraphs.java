package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.ModelProto;

import java.util.List;
import java.util.Map;

/**
 * The two graphs of one run at one image size.
 *
 * @param forward       image → the tap tensors and the {@code saved} tensors, nothing past the last tap
 * @param backward      saved tensors + {@link #gradientInput(String) gradients at the taps} → {@link #IMAGE_GRADIENT}
 * @param taps          the tapped tensor names, in the order asked for
 * @param saved         forward tensors the backward graph reads (ReLU and Clip outputs, max-pool switches), which the
 *                      forward graph returns and the caller hands over unchanged
 * @param shapes        static shape of every forward tensor at this size
 */
public record TappedGraphs(ModelProto forward, ModelProto backward, List<String> taps, List<String> saved,
                           Map<String, long[]> shapes) {

    /** Output of the backward graph: dL/d(image). */
    public static final String IMAGE_GRADIENT = "grad/image";

    /** Name of the backward graph's input that receives dL/dF for a tapped tensor. */
    public static String gradientInput(String tap) {
        return "grad/" + tap;
    }
}
