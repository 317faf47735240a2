package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.List;

/**
 * The seed's {@code gram_matrix} as graph nodes on one tapped tensor F of shape [1, C, H, W]: G = F·Fᵀ / N with F
 * seen as a [C, H·W] matrix and N = C·H·W (the seed divides by a·b·c·d, batch a = 1), exactly as
 * {@code losses.GramMatrix} computes it on the host. Its backward, given dL/dG, is dL/dF = (dG + dGᵀ)·F / N; the
 * transpose is kept (not folded into a factor 2) so that the rule does not rely on the loss handing over a
 * symmetric dG.
 */
final class GramHead {

    private final String tap;
    private final long channels;
    private final long[] tapShape;

    GramHead(String tap, long[] tapShape) {
        if (tapShape.length != 4 || tapShape[0] != 1) {
            throw new IllegalArgumentException("a Gram head needs a [1, C, H, W] tensor, '" + tap + "' is "
                    + java.util.Arrays.toString(tapShape));
        }
        this.tap = tap;
        this.tapShape = tapShape.clone();
        this.channels = tapShape[1];
    }

    /** The forward graph's output holding the Gram matrix of a tapped tensor. */
    static String output(String tap) {
        return "gram/" + tap;
    }

    String output() {
        return output(tap);
    }

    /** [C, C] */
    long[] outputShape() {
        return new long[] {channels, channels};
    }

    private long pixels() {
        return tapShape[2] * tapShape[3];
    }

    private float inverseNorm() {
        return (float) (1.0 / ((double) channels * pixels()));
    }

    private String matrixShapeName() {
        return output() + "/matrix_shape";
    }

    /** The constant the forward nodes read: the [C, H·W] shape of F. */
    TensorProto forwardConstant() {
        return OnnxProtos.longTensor(matrixShapeName(), new long[] {2}, new long[] {channels, pixels()});
    }

    /** Reshape to [C, H·W], then one Gemm with transB (F·Fᵀ) scaled by 1/N: cuBLAS or MLAS does it in one call. */
    List<NodeProto> forwardNodes() {
        String matrix = output() + "/F";
        return List.of(
                OnnxProtos.node("Reshape", matrix, List.of(tap, matrixShapeName()), List.of(matrix)),
                OnnxProtos.node("Gemm", output(), List.of(matrix, matrix), List.of(output()),
                        real("alpha", inverseNorm()), OnnxProtos.integer("transB", 1)));
    }

    /**
     * Emits dL/dF = (dG·F + dGᵀ·F) / N into the backward graph for the gradient {@code gramGradient} of this head's
     * output, and contributes it to the tap. F is read as a saved forward tensor.
     */
    void emitBackward(String gramGradient, BackwardContext ctx) {
        NodeProto site = forwardNodes().get(1);
        String f = ctx.emit(site, "Reshape", List.of(ctx.saved(tap), ctx.longs(site, "matrix_shape", channels,
                pixels())));
        String direct = ctx.emit(site, "Gemm", List.of(gramGradient, f), real("alpha", inverseNorm()));
        String both = ctx.emit(site, "Gemm", List.of(gramGradient, f, direct), real("alpha", inverseNorm()),
                real("beta", 1f), OnnxProtos.integer("transA", 1));
        ctx.contribute(tap, ctx.emit(site, "Reshape", List.of(both, ctx.longs(site, "tap_shape", tapShape))));
    }

    private static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }
}
