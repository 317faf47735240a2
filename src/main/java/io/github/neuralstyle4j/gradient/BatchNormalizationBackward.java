package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.Arrays;
import java.util.List;

/**
 * BatchNormalization at inference, y = scale · (x − mean) / √(var + epsilon) + B with all four constant, is a
 * per-channel affine map, so dL/dx = g · scale / √(var + epsilon): one factor per channel, computed here once and
 * broadcast from [1, C, 1, …]. Training mode normalises with the batch's own statistics, which depend on x and
 * would need a different rule; it is refused rather than differentiated as if it were inference.
 */
final class BatchNormalizationBackward implements BackwardRule {

    @Override
    public void emit(NodeProto bn, String g, BackwardContext ctx) {
        // opset 14+ says so with training_mode; earlier opsets by asking for the running statistics as outputs
        if (OnnxProtos.intAttr(bn, "training_mode", 0) != 0
                || bn.getOutputList().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            throw new UnsupportedOperatorException("BatchNormalization", bn.getName(), "training_mode=1");
        }
        String x = bn.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        long[] xs = ctx.shape(x);
        float[] scale = OnnxProtos.floats(ctx.graph().constantInput(bn, 1));
        float[] variance = OnnxProtos.floats(ctx.graph().constantInput(bn, 4));
        if (scale.length != xs[1] || variance.length != xs[1]) {
            throw new UnsupportedOperatorException("BatchNormalization", bn.getName(),
                    "statistics that are not one per channel (spatial=0)");
        }
        double epsilon = OnnxProtos.floatAttr(bn, "epsilon", 1e-5f);
        float[] factor = new float[scale.length];
        for (int c = 0; c < factor.length; c++) {
            factor[c] = (float) (scale[c] / Math.sqrt(variance[c] + epsilon));
        }
        long[] dims = new long[xs.length];
        Arrays.fill(dims, 1);
        dims[1] = xs[1];
        String f = ctx.newConstant(bn, "factor", OnnxProtos.floatTensor("factor", dims, factor));
        ctx.contribute(x, ctx.emit(bn, "Mul", List.of(g, f)));
    }
}
