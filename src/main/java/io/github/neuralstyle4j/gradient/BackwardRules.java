package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The registry of backward rules by ONNX operator type. */
public final class BackwardRules {

    private static final Map<String, BackwardRule> RULES = Map.of(
            "Conv", new ConvBackward(),
            "Relu", new ReluBackward(),
            "MaxPool", new MaxPoolBackward(),
            "AveragePool", new AveragePoolBackward(),
            "Add", ArithmeticBackward.ADD,
            "Sub", ArithmeticBackward.SUB,
            "Mul", ArithmeticBackward.MUL,
            "Div", ArithmeticBackward.DIV,
            "Identity", (node, g, ctx) -> ctx.contribute(node.getInput(0), g));

    private BackwardRules() {
    }

    public static Optional<BackwardRule> forNode(NodeProto node) {
        return Optional.ofNullable(RULES.get(node.getOpType()));
    }

    public static String supportedOperators() {
        return String.join(", ", new TreeSet<>(RULES.keySet()));
    }

    /** The name under which a MaxPool node's switches (its Indices output) are available. */
    static String maxPoolIndices(NodeProto node) {
        return node.getOutputCount() > 1 && !node.getOutput(1).isEmpty() ? node.getOutput(1)
                : node.getOutput(0) + "/indices";
    }
}
