package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature graph indexed for analysis: which node makes each tensor, which tensors are constants, and the static
 * shape of every tensor for one input size. Static shapes let the gradient graph size its transposed windows.
 */
public final class FeatureGraph {

    private final ModelProto model;
    private final String input;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, TensorProto> constants = new HashMap<>();

    public FeatureGraph(ModelProto model, String input) {
        this.model = model;
        this.input = input;
        GraphProto g = model.getGraph();
        g.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        for (NodeProto n : g.getNodeList()) {
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
            if (n.getOpType().equals("Constant")) {
                OnnxProtos.attribute(n, "value").ifPresent(a -> constants.put(n.getOutput(0), a.getT()));
            }
        }
        if (g.getInputList().stream().noneMatch(v -> v.getName().equals(input))) {
            throw new BackboneException("the graph has no input named '" + input + "'");
        }
    }

    public ModelProto model() {
        return model;
    }

    public String input() {
        return input;
    }

    public boolean isConstant(String tensor) {
        return constants.containsKey(tensor);
    }

    public TensorProto constant(String tensor) {
        TensorProto t = constants.get(tensor);
        if (t == null) {
            throw new BackboneException("tensor '" + tensor + "' is not a constant");
        }
        return t;
    }

    public boolean hasTensor(String tensor) {
        return producers.containsKey(tensor) || tensor.equals(input) || constants.containsKey(tensor);
    }

    /** The nodes needed to compute {@code targets}, in the graph's (topological) order; nothing past them runs. */
    public List<NodeProto> nodesFor(Collection<String> targets) {
        Set<NodeProto> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            String t = todo.pop();
            NodeProto n = producers.get(t);
            if (n == null) {
                if (!t.equals(input) && !constants.containsKey(t) && !t.isEmpty()) {
                    throw new BackboneException("tensor '" + t + "' is produced by no node of the graph");
                }
                continue;
            }
            if (needed.add(n)) {
                todo.addAll(n.getInputList());
            }
        }
        List<NodeProto> ordered = new ArrayList<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (needed.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered;
    }

    /** Tensors whose value depends on the image input: the only ones a gradient flows through. */
    public Set<String> variableTensors(List<NodeProto> nodes) {
        Set<String> variable = new HashSet<>();
        variable.add(input);
        for (NodeProto n : nodes) {
            if (n.getInputList().stream().anyMatch(variable::contains)) {
                variable.addAll(n.getOutputList());
            }
        }
        return variable;
    }

    /** Static shapes of the input and every output of {@code nodes} for an image of {@code height}×{@code width}. */
    public Map<String, long[]> inferShapes(List<NodeProto> nodes, long height, long width) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(input, new long[] {1, 3, height, width});
        for (NodeProto n : nodes) {
            shapes.put(n.getOutput(0), outputShape(n, shapes));
            if (n.getOpType().equals("MaxPool") && n.getOutputCount() > 1) {
                shapes.put(n.getOutput(1), shapes.get(n.getOutput(0)));
            }
        }
        return shapes;
    }

    private long[] outputShape(NodeProto n, Map<String, long[]> shapes) {
        String op = n.getOpType();
        switch (op) {
            case "Constant":
                return OnnxProtos.dims(constants.get(n.getOutput(0)));
            case "Relu", "Identity", "LeakyRelu", "Sigmoid", "Tanh", "BatchNormalization", "Clip":
                return shapeOf(n.getInput(0), shapes);
            case "Add", "Sub", "Mul", "Div":
                return broadcast(shapeOf(n.getInput(0), shapes), shapeOf(n.getInput(1), shapes), n);
            case "Conv": {
                long[] x = shapeOf(n.getInput(0), shapes);
                long[] w = OnnxProtos.dims(constant(n.getInput(1)));
                SpatialWindow win = window(n, x);
                return new long[] {x[0], w[0], win.outputSize()[0], win.outputSize()[1]};
            }
            case "MaxPool", "AveragePool": {
                long[] x = shapeOf(n.getInput(0), shapes);
                SpatialWindow win = window(n, x);
                return new long[] {x[0], x[1], win.outputSize()[0], win.outputSize()[1]};
            }
            default:
                throw new BackboneException("node '" + n.getName() + "': operator " + op
                        + " is not supported by the shape analysis");
        }
    }

    /** The resolved window of a Conv / MaxPool / AveragePool node whose input has shape {@code x} (NCHW). */
    public SpatialWindow window(NodeProto n, long[] x) {
        long[] spatial = Arrays.copyOfRange(x, 2, x.length);
        if (spatial.length != 2) {
            throw new BackboneException("node '" + n.getName() + "': only 2-D windows are supported, got input "
                    + Arrays.toString(x));
        }
        long[] kernel = OnnxProtos.intsAttr(n, "kernel_shape", null);
        if (kernel == null) {
            if (!n.getOpType().equals("Conv")) {
                throw new BackboneException("node '" + n.getName() + "' has no kernel_shape");
            }
            long[] w = OnnxProtos.dims(constant(n.getInput(1)));
            kernel = Arrays.copyOfRange(w, 2, w.length);
        }
        return SpatialWindow.of(n, kernel, spatial);
    }

    private long[] shapeOf(String tensor, Map<String, long[]> shapes) {
        long[] s = shapes.get(tensor);
        if (s == null && constants.containsKey(tensor)) {
            s = OnnxProtos.dims(constants.get(tensor));
        }
        if (s == null) {
            throw new BackboneException("no shape known for tensor '" + tensor + "'");
        }
        return s;
    }

    private long[] broadcast(long[] a, long[] b, NodeProto n) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new BackboneException("node '" + n.getName() + "': shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Shapes of constants, for rules that need them. */
    public Map<String, long[]> constantShapes() {
        Map<String, long[]> out = new HashMap<>();
        constants.forEach((k, v) -> out.put(k, OnnxProtos.dims(v)));
        return out;
    }

    public List<ValueInfoProto> graphInputs() {
        return model.getGraph().getInputList();
    }
}
