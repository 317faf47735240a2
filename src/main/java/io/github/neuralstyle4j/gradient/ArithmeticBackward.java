package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Arrays;
import java.util.List;

/**
 * Element-wise Add, Sub, Mul and Div: the input normalisation (x − mean) / std and similar arithmetic. An operand
 * that was broadcast up to the output shape would need its gradient summed back down; that case is refused.
 */
enum ArithmeticBackward implements BackwardRule {
    ADD, SUB, MUL, DIV;

    @Override
    public void emit(NodeProto node, String g, BackwardContext ctx) {
        String a = node.getInput(0);
        String b = node.getInput(1);
        String out = node.getOutput(0);
        if (ctx.isVariable(a)) {
            requireUnbroadcast(node, a, out, ctx);
            ctx.contribute(a, switch (this) {
                case ADD, SUB -> g;
                case MUL -> ctx.emit(node, "Mul", List.of(g, operand(b, ctx)));
                case DIV -> ctx.emit(node, "Div", List.of(g, operand(b, ctx)));
            });
        }
        if (ctx.isVariable(b)) {
            requireUnbroadcast(node, b, out, ctx);
            ctx.contribute(b, switch (this) {
                case ADD -> g;
                case SUB -> ctx.emit(node, "Neg", List.of(g));
                case MUL -> ctx.emit(node, "Mul", List.of(g, operand(a, ctx)));
                case DIV -> throw new UnsupportedOperatorException("Div", node.getName(), "a divisor that depends on the image");
            });
        }
    }

    /** A constant operand is copied into the backward graph; a variable one is read from the forward pass. */
    private static String operand(String tensor, BackwardContext ctx) {
        return ctx.isVariable(tensor) ? ctx.saved(tensor) : ctx.constant(tensor);
    }

    private static void requireUnbroadcast(NodeProto node, String operand, String out, BackwardContext ctx) {
        if (!Arrays.equals(ctx.shape(operand), ctx.shape(out))) {
            throw new UnsupportedOperatorException(node.getOpType(), node.getName(),
                    "an image-dependent operand broadcast from " + Arrays.toString(ctx.shape(operand))
                            + " to " + Arrays.toString(ctx.shape(out)));
        }
    }
}
