package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.Arrays;
import java.util.List;

/** GlobalAveragePool: each input position gets 1/(H·W) of its channel's gradient, Expand(g · 1/(H·W), shape of x). */
final class GlobalAveragePoolBackward implements BackwardRule {

    @Override
    public void emit(NodeProto pool, String g, BackwardContext ctx) {
        String x = pool.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        long[] xs = ctx.shape(x);
        long area = FeatureGraph.elements(Arrays.copyOfRange(xs, 2, xs.length));
        String inverse = ctx.newConstant(pool, "inverse_area",
                OnnxProtos.floatTensor("inverse_area", new long[0], new float[] {1f / area}));
        String scaled = ctx.emit(pool, "Mul", List.of(g, inverse));
        ctx.contribute(x, ctx.emit(pool, "Expand", List.of(scaled, ctx.longs(pool, "shape", xs))));
    }
}
