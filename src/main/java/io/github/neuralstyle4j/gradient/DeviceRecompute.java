package io.github.neuralstyle4j.gradient;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.OnnxProtos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backward graph that recomputes the forward tensors its rules read (ReLU outputs, max-pool switches, the Gram
 * heads' features) from the image instead of receiving them from the forward session. ONNX Runtime's Java API has
 * no IOBinding, so every tensor handed from one session to the other goes device → host → device; recomputing the
 * forward part costs one more forward pass on the device and keeps those tensors off the bus.
 */
final class DeviceRecompute {

    private DeviceRecompute() {
    }

    /**
     * image + dL/d(each of {@code outputs}) → {@link TappedGraphs#IMAGE_GRADIENT}: the forward nodes the saved tensors
     * need, then the backward nodes of {@code ctx}.
     */
    static ModelProto backwardModel(FeatureGraph graph, List<NodeProto> forwardNodes, BackwardContext ctx,
                                    List<String> outputs, Map<String, long[]> shapes) {
        Set<String> saved = ctx.savedTensors();
        GraphProto.Builder g = GraphProto.newBuilder().setName("backward");
        g.addInput(OnnxProtos.floatValueInfo(graph.input(), shapes.get(graph.input())));
        for (String out : outputs) {
            g.addInput(OnnxProtos.floatValueInfo(TappedGraphs.gradientInput(out), shapes.get(out)));
        }
        GradientGraphBuilder.addForwardNodes(g, graph, producers(forwardNodes, saved), saved);
        g.addAllNode(ctx.nodes());
        Set<String> present = new HashSet<>();
        g.getInitializerList().forEach(t -> present.add(t.getName()));
        for (TensorProto t : ctx.initializers().values()) {
            if (present.add(t.getName())) {   // weights both passes read are stored once
                g.addInitializer(t);
            }
        }
        g.addOutput(OnnxProtos.floatValueInfo(TappedGraphs.IMAGE_GRADIENT, shapes.get(graph.input())));
        return GradientGraphBuilder.model(graph, g.build());
    }

    /** The forward nodes that {@code targets} depend on, in forward order (a max-pool's switches count as its output). */
    static List<NodeProto> producers(List<NodeProto> forwardNodes, Set<String> targets) {
        Set<String> needed = new HashSet<>(targets);
        List<NodeProto> kept = new ArrayList<>();
        for (int i = forwardNodes.size() - 1; i >= 0; i--) {
            NodeProto n = forwardNodes.get(i);
            boolean wanted = n.getOutputList().stream().anyMatch(needed::contains)
                    || n.getOpType().equals("MaxPool") && needed.contains(BackwardRules.maxPoolIndices(n));
            if (wanted) {
                kept.add(n);
                needed.addAll(n.getInputList());
            }
        }
        Collections.reverse(kept);
        return kept;
    }
}
