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

        BackwardContext ctx = new BackwardContext(graph, shapes, variables, mode);
        for (String tap : uniqueTaps) {
            ctx.contribute(tap, TappedGraphs.gradientInput(tap));
        }
        List<NodeProto> reversed = new ArrayList<>(nodes);
        Collections.reverse(reversed);
        for (NodeProto node : reversed) {
            if (!variables.contains(node.getOutput(0))) {
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

        List<String> saved = List.copyOf(ctx.savedTensors());
        ModelProto forward = forwardModel(graph, nodes, uniqueTaps, saved, shapes, switches);
        ModelProto backward = backwardModel(graph, ctx, uniqueTaps, saved, shapes, switches);
        return new TappedGraphs(forward, backward, uniqueTaps, saved, shapes);
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
        return forwardModel(graph, nodes, uniqueTaps, List.of(), shapes, Set.of());
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
                                           List<String> saved, Map<String, long[]> shapes, Set<String> switches) {
        Set<String> savedSet = new HashSet<>(saved);
        GraphProto.Builder g = GraphProto.newBuilder().setName("forward");
        Set<String> used = new HashSet<>();
        for (NodeProto n : nodes) {
            NodeProto node = n;
            if (n.getOpType().equals("MaxPool") && savedSet.contains(BackwardRules.maxPoolIndices(n))
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
        g.addInput(OnnxProtos.floatValueInfo(graph.input(), shapes.get(graph.input())));
        Set<String> outputs = new LinkedHashSet<>(taps);
        outputs.addAll(saved);
        for (String out : outputs) {
            g.addOutput(valueInfo(out, shapes, switches));
        }
        return ModelProto.newBuilder(graph.model()).clearGraph().clearMetadataProps()
                .setProducerName("neuralstyle4j").setGraph(g.build()).build();
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

    private static ai.onnx.proto.OnnxMl.ValueInfoProto valueInfo(String tensor, Map<String, long[]> shapes,
                                                                 Set<String> switches) {
        int type = switches.contains(tensor) ? TensorProto.DataType.INT64_VALUE : TensorProto.DataType.FLOAT_VALUE;
        return OnnxProtos.valueInfo(tensor, type, shapes.get(tensor));
    }

    /** The backward graph needs opset 16+ (ScatterElements with reduction); the forward keeps its source opset. */
    private static ModelProto model(FeatureGraph source, GraphProto graph) {
        long opset = Math.max(OnnxProtos.OPSET, source.model().getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty()).mapToLong(OperatorSetIdProto::getVersion).max().orElse(0));
        return ModelProto.newBuilder()
                .setIrVersion(Math.max(OnnxProtos.IR_VERSION, source.model().getIrVersion()))
                .setProducerName("neuralstyle4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }
}
