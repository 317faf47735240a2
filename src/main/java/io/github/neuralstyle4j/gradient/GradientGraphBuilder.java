package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the forward and backward graphs for a set of taps at one image size (reverse-mode differentiation over
 * the ONNX graph: nodes are visited in reverse topological order and each applies its {@link BackwardRule}).
 * Static sizes let every transposed window know its exact output size.
 */
public final class GradientGraphBuilder {

    private GradientGraphBuilder() {
    }

    public static TappedGraphs build(FeatureGraph graph, List<String> taps, long height, long width) {
        return build(graph, taps, height, width, BackwardMode.GRADIENT);
    }

    /**
     * As {@link #build(FeatureGraph, List, long, long)}, with rectifiers treated as {@code mode} says: the backward
     * graph then computes a feature projection (deconvnet, guided backpropagation) rather than a gradient.
     */
    public static TappedGraphs build(FeatureGraph graph, List<String> taps, long height, long width,
                                     BackwardMode mode) {
        if (taps.isEmpty()) {
            throw new IllegalArgumentException("no tapped tensors");
        }
        List<String> uniqueTaps = List.copyOf(new LinkedHashSet<>(taps));
        Analysis a = analyse(graph, uniqueTaps, height, width);
        BackwardContext ctx = new BackwardContext(graph, a.shapes(), a.variables(), mode, Set.copyOf(uniqueTaps));
        for (String tap : uniqueTaps) {
            ctx.contribute(tap, TappedGraphs.gradientInput(tap));
        }
        backpropagate(graph, a, ctx);

        List<String> saved = List.copyOf(ctx.savedTensors());
        ModelProto forward = forwardModel(graph, a.nodes(), uniqueTaps, saved, a.shapes(), a.switches(), List.of());
        ModelProto backward = backwardModel(graph, ctx, uniqueTaps, saved, a.shapes(), a.switches());
        return new TappedGraphs(forward, backward, uniqueTaps, saved, a.shapes());
    }

    /**
     * Graphs that keep the tensors on the device (see {@link DeviceRecompute}): the forward graph returns the
     * {@code featureTaps} as they are and, for each of the {@code gramTaps}, only its C×C Gram matrix
     * ({@link #gramOutput}); the backward graph reads the image and the gradients with respect to those outputs, and
     * recomputes the forward tensors it needs instead of receiving them. A tensor may be in both lists.
     * The returned graphs' {@code taps} are the forward outputs (features first, then Grams) and their
     * {@code saved} is just the image.
     */
    public static TappedGraphs buildWithGrams(FeatureGraph graph, List<String> featureTaps, List<String> gramTaps,
                                              long height, long width) {
        if (featureTaps.isEmpty() && gramTaps.isEmpty()) {
            throw new IllegalArgumentException("no tapped tensors");
        }
        List<String> features = List.copyOf(new LinkedHashSet<>(featureTaps));
        List<String> gramSources = List.copyOf(new LinkedHashSet<>(gramTaps));
        LinkedHashSet<String> all = new LinkedHashSet<>(features);
        all.addAll(gramSources);
        Analysis a = analyse(graph, List.copyOf(all), height, width);
        BackwardContext ctx = new BackwardContext(graph, a.shapes(), a.variables(), BackwardMode.GRADIENT);
        List<String> outputs = new ArrayList<>(features);
        for (String tap : features) {
            ctx.contribute(tap, TappedGraphs.gradientInput(tap));
        }
        List<GramHead> heads = new ArrayList<>();
        for (String tap : gramSources) {
            GramHead head = new GramHead(tap, a.shapes().get(tap));
            heads.add(head);
            a.shapes().put(head.output(), head.outputShape());
            outputs.add(head.output());
            head.emitBackward(TappedGraphs.gradientInput(head.output()), ctx);
        }
        backpropagate(graph, a, ctx);

        ModelProto forward = forwardModel(graph, a.nodes(), features, List.of(), a.shapes(), a.switches(), heads);
        ModelProto backward = DeviceRecompute.backwardModel(graph, a.nodes(), ctx, outputs, a.shapes());
        return new TappedGraphs(forward, backward, List.copyOf(outputs), List.of(graph.input()), a.shapes());
    }

    /** The forward output that holds the Gram matrix of {@code tap} in graphs from {@link #buildWithGrams}. */
    public static String gramOutput(String tap) {
        return GramHead.output(tap);
    }

    /** The nodes up to the taps, every tensor's static shape, the max-pool switch tensors, what depends on x. */
    private record Analysis(List<NodeProto> nodes, Map<String, long[]> shapes, Set<String> switches,
                            Set<String> variables) {
    }

    private static Analysis analyse(FeatureGraph graph, List<String> uniqueTaps, long height, long width) {
        List<NodeProto> nodes = graph.nodesFor(uniqueTaps);
        Map<String, long[]> shapes = graph.inferShapes(nodes, height, width);
        Set<String> switches = new HashSet<>();
        for (NodeProto n : nodes) {
            if (n.getOpType().equals("MaxPool")) {
                switches.add(BackwardRules.maxPoolIndices(n));
                shapes.put(BackwardRules.maxPoolIndices(n), shapes.get(n.getOutput(0)));
            }
        }
        Set<String> variables = graph.variableTensors(nodes);
        for (String tap : uniqueTaps) {
            if (!variables.contains(tap)) {
                throw new BackboneException("tapped tensor '" + tap + "' does not depend on the image");
            }
        }
        return new Analysis(nodes, shapes, switches, variables);
    }

    /** Visits the nodes in reverse order, each applying its rule, and names the sum reaching the image. */
    private static void backpropagate(FeatureGraph graph, Analysis a, BackwardContext ctx) {
        List<NodeProto> reversed = new ArrayList<>(a.nodes());
        Collections.reverse(reversed);
        for (NodeProto node : reversed) {
            if (!a.variables().contains(node.getOutput(0))) {
                continue;
            }
            String g = summedGradient(ctx, node, node.getOutput(0));
            if (g == null) {
                continue;   // nothing downstream of this node is tapped
            }
            BackwardRule rule = BackwardRules.forNode(node).orElseThrow(
                    () -> new UnsupportedOperatorException(node.getOpType(), node.getName(), ""));
            rule.emit(node, g, ctx);
        }
        String imageGradient = summedGradient(ctx, null, graph.input());
        if (imageGradient == null) {
            throw new BackboneException("no gradient reaches the image input");
        }
        ctx.nodes().add(OnnxProtos.node("Identity", "image_gradient", List.of(imageGradient),
                List.of(TappedGraphs.IMAGE_GRADIENT)));
    }

    /**
     * Only the forward graph for {@code taps} at {@code height}×{@code width}: the nodes up to the taps (pruned with
     * {@link FeatureGraph#nodesFor}), the taps as its outputs, no saved tensors and no backward graph.
     */
    public static ModelProto forwardOnly(FeatureGraph graph, List<String> taps, long height, long width) {
        if (taps.isEmpty()) {
            throw new IllegalArgumentException("no tapped tensors");
        }
        List<String> uniqueTaps = List.copyOf(new LinkedHashSet<>(taps));
        List<NodeProto> nodes = graph.nodesFor(uniqueTaps);
        Map<String, long[]> shapes = graph.inferShapes(nodes, height, width);
        return forwardModel(graph, nodes, uniqueTaps, List.of(), shapes, Set.of(), List.of());
    }

    /** Sums every contribution to a tensor into one gradient tensor (null when none arrived). */
    private static String summedGradient(BackwardContext ctx, NodeProto node, String tensor) {
        List<String> parts = ctx.contributionsTo(tensor);
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String out = "sum/" + tensor;
        ctx.nodes().add(OnnxProtos.node("Sum", out, parts, List.of(out)));
        return out;
    }

    private static ModelProto forwardModel(FeatureGraph graph, List<NodeProto> nodes, List<String> taps,
                                           List<String> saved, Map<String, long[]> shapes, Set<String> switches,
                                           List<GramHead> heads) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("forward");
        addForwardNodes(g, graph, nodes, new HashSet<>(saved));
        for (GramHead head : heads) {
            g.addAllNode(head.forwardNodes());
            g.addInitializer(head.forwardConstant());
        }
        g.addInput(OnnxProtos.floatValueInfo(graph.input(), shapes.get(graph.input())));
        Set<String> outputs = new LinkedHashSet<>(taps);
        heads.forEach(h -> outputs.add(h.output()));
        outputs.addAll(saved);
        for (String out : outputs) {
            g.addOutput(valueInfo(out, shapes, switches));
        }
        return ModelProto.newBuilder(graph.model()).clearGraph().clearMetadataProps()
                .setProducerName("neuralstyle4j").setGraph(g.build()).build();
    }

    /**
     * Adds the forward nodes and the initializers they read; a max-pool whose switches are in {@code saved} gets
     * them as a second output.
     */
    static void addForwardNodes(GraphProto.Builder g, FeatureGraph graph, List<NodeProto> nodes, Set<String> saved) {
        Set<String> used = new HashSet<>();
        for (NodeProto n : nodes) {
            NodeProto node = n;
            if (n.getOpType().equals("MaxPool") && saved.contains(BackwardRules.maxPoolIndices(n))
                    && n.getOutputCount() < 2) {
                node = n.toBuilder().addOutput(BackwardRules.maxPoolIndices(n)).build();
            }
            g.addNode(node);
            used.addAll(n.getInputList());
        }
        for (TensorProto t : graph.model().getGraph().getInitializerList()) {
            if (used.contains(t.getName())) {
                g.addInitializer(t);
            }
        }
    }

    private static ModelProto backwardModel(FeatureGraph graph, BackwardContext ctx, List<String> taps,
                                            List<String> saved, Map<String, long[]> shapes, Set<String> switches) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("backward");
        for (String s : saved) {
            g.addInput(valueInfo(s, shapes, switches));
        }
        for (String tap : taps) {
            g.addInput(OnnxProtos.floatValueInfo(TappedGraphs.gradientInput(tap), shapes.get(tap)));
        }
        g.addAllNode(ctx.nodes());
        g.addAllInitializer(ctx.initializers().values());
        g.addOutput(OnnxProtos.floatValueInfo(TappedGraphs.IMAGE_GRADIENT, shapes.get(graph.input())));
        return model(graph, g.build());
    }

    static ai.onnx.proto.OnnxMl.ValueInfoProto valueInfo(String tensor, Map<String, long[]> shapes,
                                                                 Set<String> switches) {
        int type = switches.contains(tensor) ? TensorProto.DataType.INT64_VALUE : TensorProto.DataType.FLOAT_VALUE;
        return OnnxProtos.valueInfo(tensor, type, shapes.get(tensor));
    }

    /** The backward graph needs opset 16+ (ScatterElements with reduction); the forward keeps its source opset. */
    static ModelProto model(FeatureGraph source, GraphProto graph) {
        long opset = Math.max(OnnxProtos.OPSET, source.model().getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty()).mapToLong(OperatorSetIdProto::getVersion).max().orElse(0));
        return ModelProto.newBuilder()
                .setIrVersion(Math.max(OnnxProtos.IR_VERSION, source.model().getIrVersion()))
                .setProducerName("neuralstyle4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }
}
