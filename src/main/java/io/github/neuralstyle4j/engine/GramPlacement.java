package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.gradient.GradientGraphBuilder;
import io.github.neuralstyle4j.losses.FeatureLoss;
import io.github.neuralstyle4j.losses.GramMatrix;
import io.github.neuralstyle4j.losses.GramStyleLoss;
import io.github.neuralstyle4j.losses.StyleLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where the style taps' Gram matrices are computed, which decides what the two sessions exchange with the host on
 * each evaluation. The losses and their gradients are ND4J's either way.
 */
public enum GramPlacement {

    /**
     * ND4J computes G = F·Fᵀ/N from the features; the forward session returns every tap's features plus the tensors
     * the backward rules read, and the gradient session receives them back. Cheapest on the CPU, where "returning"
     * a tensor is free.
     */
    HOST {
        @Override
        public TapSessions open(OrtRuntime runtime, FeatureGraph graph, List<String> contentTaps,
                                List<String> styleTaps, long height, long width) {
            LinkedHashSet<String> taps = new LinkedHashSet<>(contentTaps);
            taps.addAll(styleTaps);
            return TapSessions.open(runtime, graph, List.copyOf(taps), height, width);
        }

        @Override
        public String styleOutput(String tap) {
            return tap;
        }

        @Override
        public FeatureLoss styleLoss(INDArray targetGram) {
            return new StyleLoss(targetGram);
        }

        @Override
        public INDArray gram(TapSessions sessions, String tap) {
            return GramMatrix.of(sessions.features(tap));
        }
    },

    /**
     * The forward graph computes each style tap's Gram and returns only the C×C matrices (and the content taps'
     * features); the gradient graph takes dL/dG, applies the Gram's backward and recomputes the forward tensors
     * it needs from the image. Meant for CUDA, where every returned tensor crosses the bus; on the CPU it costs
     * a second forward pass per evaluation.
     */
    GRAPH {
        @Override
        public TapSessions open(OrtRuntime runtime, FeatureGraph graph, List<String> contentTaps,
                                List<String> styleTaps, long height, long width) {
            return TapSessions.open(runtime, graph,
                    GradientGraphBuilder.buildWithGrams(graph, contentTaps, styleTaps, height, width));
        }

        @Override
        public String styleOutput(String tap) {
            return GradientGraphBuilder.gramOutput(tap);
        }

        @Override
        public FeatureLoss styleLoss(INDArray targetGram) {
            return new GramStyleLoss(targetGram);
        }

        @Override
        public INDArray gram(TapSessions sessions, String tap) {
            return sessions.features(styleOutput(tap)).dup();
        }
    };

    public static GramPlacement of(boolean inGraph) {
        return inGraph ? GRAPH : HOST;
    }

    /** Opens the sessions for these content and style taps (graph tensor names) at one image size. */
    public abstract TapSessions open(OrtRuntime runtime, FeatureGraph graph, List<String> contentTaps,
                                     List<String> styleTaps, long height, long width);

    /** The session output a style term on {@code tap} reads. */
    public abstract String styleOutput(String tap);

    /** The style loss for a term reading {@link #styleOutput}. */
    public abstract FeatureLoss styleLoss(INDArray targetGram);

    /** The Gram matrix of {@code tap} after the last forward pass, a new [C, C] array the caller closes. */
    public abstract INDArray gram(TapSessions sessions, String tap);
}
