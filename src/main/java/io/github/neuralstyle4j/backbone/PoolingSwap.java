package io.github.neuralstyle4j.backbone;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Arrays;

/**
 * Rewrites every MaxPool of a feature graph into an AveragePool over the same windows (kernel, strides, pads,
 * ceil_mode), as Gatys et al. (2016) do for their images. The gradient graph is then derived from the rewritten
 * graph, so the AveragePool backward rule applies. Padding is left out of the average (count_include_pad=0): a max
 * pool never picks its padding either, so the border windows stay averages of real pixels.
 */
public final class PoolingSwap {

    private PoolingSwap() {
    }

    /** The same graph with average pooling; the input graph is returned as is when it has no MaxPool. */
    public static FeatureGraph toAverage(FeatureGraph graph) {
        GraphProto.Builder g = graph.model().getGraph().toBuilder();
        boolean changed = false;
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getOpType().equals("MaxPool")) {
                g.setNode(i, averagePool(n));
                changed = true;
            }
        }
        if (!changed) {
            return graph;
        }
        ModelProto model = graph.model().toBuilder().setGraph(g).build();
        return new FeatureGraph(model, graph.input());
    }

    private static NodeProto averagePool(NodeProto max) {
        if (max.getOutputCount() > 1 && !max.getOutput(1).isEmpty()) {
            throw new BackboneException("MaxPool '" + max.getName() + "' has an Indices output, which an average"
                    + " pool cannot provide");
        }
        long[] dilations = OnnxProtos.intsAttr(max, "dilations", new long[0]);
        if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            throw new BackboneException("MaxPool '" + max.getName() + "' is dilated; AveragePool (opset < 19) is not");
        }
        NodeProto.Builder avg = NodeProto.newBuilder().setOpType("AveragePool").setName(max.getName())
                .setDomain(max.getDomain()).addInput(max.getInput(0)).addOutput(max.getOutput(0));
        for (AttributeProto a : max.getAttributeList()) {
            // storage_order only concerns the Indices output; dilations are all 1 (checked above)
            if (!a.getName().equals("storage_order") && !a.getName().equals("dilations")) {
                avg.addAttribute(a);
            }
        }
        avg.addAttribute(OnnxProtos.integer("count_include_pad", 0));
        return avg.build();
    }
}
