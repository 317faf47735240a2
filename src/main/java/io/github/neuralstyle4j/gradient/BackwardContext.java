package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a {@link BackwardRule} may do: read shapes and constants, emit nodes, read saved forward tensors. */
public final class BackwardContext {

    private final FeatureGraph graph;
    private final Map<String, long[]> shapes;
    private final Set<String> variables;
    private final BackwardMode mode;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> saved = new LinkedHashSet<>();
    private final Map<String, List<String>> contributions = new LinkedHashMap<>();
    private final Set<String> forwardOutputs;
    private int counter;

    BackwardContext(FeatureGraph graph, Map<String, long[]> shapes, Set<String> variables, BackwardMode mode) {
        this(graph, shapes, variables, mode, Set.of());
    }

    /**
     * @param forwardOutputs tensors the forward pass hands over whatever the rules save (the taps): a rule may
     *                       prefer reading one of them to saving another tensor of the same size
     */
    BackwardContext(FeatureGraph graph, Map<String, long[]> shapes, Set<String> variables, BackwardMode mode,
                    Set<String> forwardOutputs) {
        this.forwardOutputs = Set.copyOf(forwardOutputs);
        this.graph = graph;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.shapes = shapes;
        this.variables = variables;
    }

    /** How rectifiers are differentiated ({@link BackwardMode#GRADIENT} except for feature visualisation). */
    public BackwardMode mode() {
        return mode;
    }

    public FeatureGraph graph() {
        return graph;
    }

    public long[] shape(String tensor) {
        long[] s = shapes.get(tensor);
        return s != null ? s : OnnxProtos.dims(graph.constant(tensor));
    }

    /** True when the tensor depends on the image, so a gradient must flow into it. */
    public boolean isVariable(String tensor) {
        return variables.contains(tensor);
    }

    /** True when the forward pass outputs the tensor anyway (a tap), so saving it costs no memory. */
    public boolean isForwardOutput(String tensor) {
        return forwardOutputs.contains(tensor);
    }

    /** A fresh tensor name derived from a forward node's name. */
    public String fresh(NodeProto forward, String what) {
        return "bw" + (counter++) + "/" + forward.getName() + "/" + what;
    }

    /** Emits a node computing one fresh output, and returns that output's name. */
    public String emit(NodeProto forward, String opType, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(forward, opType);
        nodes.add(OnnxProtos.node(opType, out, inputs, List.of(out), attributes));
        return out;
    }

    /** Emits a node computing {@code count} fresh outputs (a Split), and returns their names in order. */
    public List<String> emit(NodeProto forward, String opType, List<String> inputs, int count,
                             AttributeProto... attributes) {
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outs.add(fresh(forward, opType + i));
        }
        nodes.add(OnnxProtos.node(opType, outs.get(0), inputs, outs, attributes));
        return outs;
    }

    /** Makes a forward constant (a weight, a normalisation constant) available in the backward graph. */
    public String constant(String forwardName) {
        initializers.putIfAbsent(forwardName, graph.constant(forwardName).toBuilder().setName(forwardName).build());
        return forwardName;
    }

    /** Adds a new constant to the backward graph. */
    public String newConstant(NodeProto forward, String what, TensorProto value) {
        String name = fresh(forward, what);
        initializers.put(name, value.toBuilder().setName(name).build());
        return name;
    }

    /** Adds a 1-D int64 constant (a shape, pads, slice bounds) to the backward graph. */
    public String longs(NodeProto forward, String what, long... values) {
        return newConstant(forward, what, OnnxProtos.longTensor(what, new long[] {values.length}, values));
    }

    /** Declares that the backward graph reads this forward tensor (the forward graph will return it). */
    public String saved(String forwardTensor) {
        saved.add(forwardTensor);
        return forwardTensor;
    }

    /** Adds a gradient contribution to a forward tensor; contributions are summed where a tensor fans out. */
    public void contribute(String forwardTensor, String gradient) {
        contributions.computeIfAbsent(forwardTensor, k -> new ArrayList<>()).add(gradient);
    }

    List<String> contributionsTo(String tensor) {
        return contributions.getOrDefault(tensor, List.of());
    }

    List<NodeProto> nodes() {
        return nodes;
    }

    Map<String, TensorProto> initializers() {
        return initializers;
    }

    Set<String> savedTensors() {
        return saved;
    }
}
