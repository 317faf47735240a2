package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every tensor name in a graph being imported, to pick new names that collide with none. */
final class TensorNames {
    private final Set<String> used = new HashSet<>();

    TensorNames(List<NodeProto> nodes, Set<String> initializers, String input) {
        nodes.forEach(n -> {
            used.addAll(n.getInputList());
            used.addAll(n.getOutputList());
        });
        used.addAll(initializers);
        used.add(input);
    }

    boolean isFree(String name) {
        return !used.contains(name);
    }

    void take(String name) {
        used.add(name);
    }

    String fresh(String base) {
        String name = base;
        for (int i = 2; used.contains(name); i++) {
            name = base + "." + i;
        }
        used.add(name);
        return name;
    }

    /** Makes {@code name} available for the new input: a tensor of that name elsewhere is renamed. */
    void free(String name, Map<String, String> rename) {
        if (used.contains(name)) {
            rename.put(name, fresh(name + ".original"));
        }
        used.add(name);
    }
}
