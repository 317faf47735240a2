package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.Arrays;
import java.util.List;

/**
 * MaxPool: route each output gradient to the input position that won its window (the "switches" of Zeiler &amp;
 * Fergus 2014), read from MaxPool's Indices output. ScatterElements with reduction=add, rather than MaxUnpool,
 * sums where overlapping windows (3×3 stride 2) pick the same input, and has a CUDA kernel in ONNX Runtime.
 */
final class MaxPoolBackward implements BackwardRule {

    @Override
    public void emit(NodeProto pool, String g, BackwardContext ctx) {
        String x = pool.getInput(0);
        if (!ctx.isVariable(x)) {
            return;
        }
        if (OnnxProtos.intAttr(pool, "storage_order", 0) != 0) {
            throw new UnsupportedOperatorException("MaxPool", pool.getName(), "storage_order=1");
        }
        long[] inShape = ctx.shape(x);
        long inSize = Arrays.stream(inShape).reduce(1, (a, b) -> a * b);
        String flat = ctx.newConstant(pool, "flat", OnnxProtos.longTensor("flat", new long[] {1}, new long[] {-1}));
        String size = ctx.newConstant(pool, "size", OnnxProtos.longTensor("size", new long[] {1}, new long[] {inSize}));
        String shape = ctx.newConstant(pool, "shape",
                OnnxProtos.longTensor("shape", new long[] {inShape.length}, inShape));
        String indices = ctx.emit(pool, "Reshape", List.of(ctx.saved(BackwardRules.maxPoolIndices(pool)), flat));
        String updates = ctx.emit(pool, "Reshape", List.of(g, flat));
        String zeros = ctx.emit(pool, "ConstantOfShape", List.of(size),
                OnnxProtos.tensor("value", OnnxProtos.floatTensor("zero", new long[] {1}, new float[] {0f})));
        String scattered = ctx.emit(pool, "ScatterElements", List.of(zeros, indices, updates),
                OnnxProtos.integer("axis", 0), OnnxProtos.string("reduction", "add"));
        ctx.contribute(x, ctx.emit(pool, "Reshape", List.of(scattered, shape)));
    }
}
