package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.List;

/**
 * Concat: the output gradient is cut back into the inputs' extents along the axis by one Split (sizes as its second
 * input, the opset 13+ form; the backward graph's opset is at least 17). Pieces of constant inputs are left unused.
 */
final class ConcatBackward implements BackwardRule {

    @Override
    public void emit(NodeProto concat, String g, BackwardContext ctx) {
        int axis = FeatureGraph.axis(concat, OnnxProtos.intAttr(concat, "axis", 1),
                ctx.shape(concat.getOutput(0)).length);
        List<String> inputs = concat.getInputList();
        long[] sizes = inputs.stream().mapToLong(in -> ctx.shape(in)[axis]).toArray();
        List<String> pieces = ctx.emit(concat, "Split", List.of(g, ctx.longs(concat, "sizes", sizes)), inputs.size(),
                OnnxProtos.integer("axis", axis));
        for (int i = 0; i < inputs.size(); i++) {
            if (ctx.isVariable(inputs.get(i))) {
                ctx.contribute(inputs.get(i), pieces.get(i));
            }
        }
    }
}
