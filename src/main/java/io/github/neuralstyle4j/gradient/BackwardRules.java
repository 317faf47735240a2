package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The registry of backward rules by ONNX operator type. */
public final class BackwardRules {

    private static final Map<String, BackwardRule> RULES = Map.ofEntries(
            Map.entry("Conv", new ConvBackward()),
            Map.entry("Relu", new ReluBackward()),
            Map.entry("Clip", new ClipBackward()),
            Map.entry("BatchNormalization", new BatchNormalizationBackward()),
            Map.entry("MaxPool", new MaxPoolBackward()),
            Map.entry("AveragePool", new AveragePoolBackward()),
            Map.entry("GlobalAveragePool", new GlobalAveragePoolBackward()),
            Map.entry("Add", ArithmeticBackward.ADD),
            Map.entry("Sub", ArithmeticBackward.SUB),
            Map.entry("Mul", ArithmeticBackward.MUL),
            Map.entry("Div", ArithmeticBackward.DIV),
            Map.entry("Concat", new ConcatBackward()),
            Map.entry("Pad", new PadBackward()),
            Map.entry("Flatten", new ReshapeBackward()),
            Map.entry("Reshape", new ReshapeBackward()),
            Map.entry("Identity", PassThroughBackward.IDENTITY),
            Map.entry("Dropout", PassThroughBackward.DROPOUT));

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
