package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layer names {@link BackboneImporter} gives an imported feature stack: VGG names ({@code conv3_1}, with the
 * seed's {@code conv_5} as alias) for a VGG-shaped chain, the seed's names ({@code conv_k}, {@code bn_k},
 * {@code relu_k}, {@code pool_k}, k = convolutions so far) for any other stack.
 */
final class LayerNaming {

    private LayerNaming() {
    }

    record Naming(List<Tap> taps, boolean vggShaped) {
        record Tap(NodeProto node, String name, List<String> aliases, String kind) {
        }
    }

    static String kind(NodeProto n) {
        return switch (n.getOpType()) {
            case "Conv" -> "conv";
            case "BatchNormalization" -> "bn";
            case "Relu", "LeakyRelu", "Clip" -> "relu";
            case "MaxPool", "AveragePool" -> "pool";
            default -> null;
        };
    }

    /**
     * VGG names when the stack, after any leading arithmetic (a normalisation already in the graph), is one chain of
     * conv [bn] relu ... max pool; the seed's names otherwise.
     */
    static Naming name(List<NodeProto> nodes) {
        List<NodeProto> stack = nodes.stream().filter(n -> !Set.of("Identity", "Constant", "Dropout").contains(n.getOpType()))
                .toList();
        int first = 0;
        while (first < stack.size() && Set.of("Sub", "Div", "Mul", "Add").contains(stack.get(first).getOpType())) {
            first++;
        }
        stack = stack.subList(first, stack.size());
        boolean vgg = isVggChain(stack);
        List<Naming.Tap> taps = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        int convs = 0;
        int stage = 1;
        int index = 0;
        for (NodeProto n : nodes) {
            String kind = kind(n);
            if (kind == null) {
                continue;
            }
            if (kind.equals("conv")) {
                convs++;
                index++;
            }
            String seed = kind + "_" + convs;
            if (vgg) {
                String canonical = kind.equals("pool") ? "pool" + stage : kind + stage + "_" + index;
                taps.add(new Naming.Tap(n, canonical, List.of(seed), kind));
                if (kind.equals("pool")) {
                    stage++;
                    index = 0;
                }
            } else {
                String unique = seed;
                for (int i = 2; taken.contains(unique); i++) {
                    unique = seed + "." + i;   // two relus after one conv (a residual sum): relu_5, relu_5.2
                }
                taken.add(unique);
                taps.add(new Naming.Tap(n, unique, List.of(), kind));
            }
        }
        return new Naming(taps, vgg);
    }

    private static boolean isVggChain(List<NodeProto> stack) {
        if (stack.isEmpty() || !stack.get(0).getOpType().equals("Conv")) {
            return false;
        }
        String previous = null;
        String previousOutput = null;
        for (NodeProto n : stack) {
            String op = n.getOpType();
            boolean follows = switch (op) {
                case "Conv" -> previous == null || previous.equals("Relu") || previous.equals("MaxPool");
                case "BatchNormalization" -> "Conv".equals(previous);
                case "Relu" -> "Conv".equals(previous) || "BatchNormalization".equals(previous);
                case "MaxPool" -> "Relu".equals(previous);
                default -> false;
            };
            if (!follows || (previousOutput != null && !n.getInput(0).equals(previousOutput))) {
                return false;
            }
            previous = op;
            previousOutput = n.getOutput(0);
        }
        return true;
    }
}
