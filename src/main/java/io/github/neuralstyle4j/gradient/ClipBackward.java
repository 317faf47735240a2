package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clip (ReLU6 is Clip(x, 0, 6)): dL/dx = g · 1[min &lt; x &lt; max], built with Greater / Less / And / Cast from the
 * saved output y = clip(x), which lies strictly inside the bounds exactly where x does. The comparisons must be
 * strict, since y equals a bound on the whole clipped region; so at a bound itself the gradient is 0, as for Relu
 * here (Sign(0) = 0) and PyTorch's ReLU6 / hardtanh (torch.clamp would pass it; the two differ only where x equals a
 * bound exactly). Bounds are constants from inputs 1 and 2 (opset 11+, either
 * may be absent) or the min / max attributes (opset 6–10); an absent bound does not clip.
 *
 * <p>In the visualisation modes ({@link BackwardMode}) a Clip is read as a ReLU6, a rectifier: deconvnet emits
 * Relu(g) without any forward mask (neither bound), guided emits Relu(g) times the mask above.
 */
final class ClipBackward implements BackwardRule {

    @Override
    public void emit(NodeProto clip, String g, BackwardContext ctx) {
        String x = clip.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        BackwardMode mode = ctx.mode();
        if (mode != BackwardMode.GRADIENT) {
            g = ctx.emit(clip, "Relu", List.of(g));
            if (mode == BackwardMode.DECONVNET) {
                ctx.contribute(x, g);
                return;
            }
        }
        Optional<String> min = bound(clip, 1, "min", ctx);
        Optional<String> max = bound(clip, 2, "max", ctx);
        if (min.isEmpty() && max.isEmpty()) {
            ctx.contribute(x, g);
            return;
        }
        String y = ctx.saved(clip.getOutput(0));
        List<String> inside = new ArrayList<>();
        min.ifPresent(m -> inside.add(ctx.emit(clip, "Greater", List.of(y, m))));
        max.ifPresent(m -> inside.add(ctx.emit(clip, "Less", List.of(y, m))));
        String mask = inside.size() == 1 ? inside.get(0) : ctx.emit(clip, "And", inside);
        String ones = ctx.emit(clip, "Cast", List.of(mask), OnnxProtos.integer("to", TensorProto.DataType.FLOAT_VALUE));
        ctx.contribute(x, ctx.emit(clip, "Mul", List.of(g, ones)));
    }

    private static Optional<String> bound(NodeProto clip, int input, String attribute, BackwardContext ctx) {
        if (clip.getInputCount() > input && !clip.getInput(input).isEmpty()) {
            String b = clip.getInput(input);
            if (ctx.isVariable(b)) {
                throw new UnsupportedOperatorException("Clip", clip.getName(), "a bound that depends on the image");
            }
            return Optional.of(ctx.constant(b));
        }
        return OnnxProtos.attribute(clip, attribute).map(a -> ctx.newConstant(clip, attribute,
                OnnxProtos.floatTensor(attribute, new long[0], new float[] {a.getF()})));
    }
}
