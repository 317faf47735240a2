package io.github.neuralstyle4j.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.gradient.BackwardMode;
import io.github.neuralstyle4j.gradient.GradientGraphBuilder;
import io.github.neuralstyle4j.gradient.TappedGraphs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forward and gradient sessions of one run at one image size, with the tap features and their gradients held
 * in ND4J arrays that ORT reads and writes in place. One forward pass per evaluation: the tensors the backward pass
 * needs are returned by that pass and handed to the gradient session as they are (or, when the gradient graph
 * recomputes them on the device, just the image: see {@link GramPlacement#GRAPH}).
 */
public final class TapSessions implements AutoCloseable {

    private final OrtRuntime runtime;
    private final TappedGraphs graphs;
    private final String input;
    private final long[] imageShape;
    private final OrtSession forward;
    private final OrtSession backward;
    private final Map<String, INDArray> features = new LinkedHashMap<>();
    private final Map<String, OnnxTensor> featureTensors = new LinkedHashMap<>();
    private final Map<String, INDArray> gradients = new LinkedHashMap<>();
    private final Map<String, OnnxTensor> gradientTensors = new LinkedHashMap<>();
    private final Set<String> unpinnedSaved = new LinkedHashSet<>();
    /** Used only when a caller's array cannot be shared with ORT as it is (a view, another order). */
    private final INDArray imageBuffer;
    private final INDArray gradientBuffer;

    private TapSessions(OrtRuntime runtime, FeatureGraph graph, TappedGraphs graphs) {
        this.runtime = runtime;
        this.graphs = graphs;
        this.input = graph.input();
        this.imageShape = graphs.shapes().get(input);
        this.imageBuffer = Nd4j.create(DataType.FLOAT, imageShape);
        this.gradientBuffer = Nd4j.create(DataType.FLOAT, imageShape);
        OrtSession fwd = null;
        try {
            fwd = runtime.session(graphs.forward(), "forward");
            this.forward = fwd;
            this.backward = runtime.session(graphs.backward(), "gradient");
        } catch (RuntimeException e) {
            closeQuietly(fwd);
            throw e;
        }
        for (String tap : graphs.taps()) {
            long[] shape = graphs.shapes().get(tap);
            INDArray f = Nd4j.create(DataType.FLOAT, shape);
            INDArray g = Nd4j.create(DataType.FLOAT, shape);
            features.put(tap, f);
            gradients.put(tap, g);
            featureTensors.put(tap, NativeTensors.share(runtime.environment(), f, shape));
            gradientTensors.put(tap, NativeTensors.share(runtime.environment(), g, shape));
        }
        for (String s : graphs.saved()) {
            if (!features.containsKey(s) && !s.equals(input)) {
                unpinnedSaved.add(s);
            }
        }
    }

    /** Builds both graphs for the taps at {@code height}×{@code width} and opens their sessions. */
    public static TapSessions open(OrtRuntime runtime, FeatureGraph graph, List<String> taps, long height, long width) {
        return open(runtime, graph, taps, height, width, BackwardMode.GRADIENT);
    }

    /**
     * As {@link #open(OrtRuntime, FeatureGraph, List, long, long)}, with the backward graph built in {@code mode}:
     * anything but {@link BackwardMode#GRADIENT} makes {@link #backward} a feature projection, not a gradient.
     */
    public static TapSessions open(OrtRuntime runtime, FeatureGraph graph, List<String> taps, long height, long width,
                                   BackwardMode mode) {
        return new TapSessions(runtime, graph, GradientGraphBuilder.build(graph, taps, height, width, mode));
    }

    /** Opens sessions on graphs built elsewhere (e.g. {@link GradientGraphBuilder#buildWithGrams}). */
    public static TapSessions open(OrtRuntime runtime, FeatureGraph graph, TappedGraphs graphs) {
        return new TapSessions(runtime, graph, graphs);
    }

    public TappedGraphs graphs() {
        return graphs;
    }

    public long[] imageShape() {
        return imageShape.clone();
    }

    /**
     * The features of a tap after the last forward pass, as a [C, H·W] matrix sharing the tap's buffer (a Gram
     * output of the graph is its [C, C] matrix).
     */
    public INDArray features(String tap) {
        return matrix(features.get(tap));
    }

    /** The buffer the caller fills with dL/dF for a tap before {@link #backward}, as a [C, H·W] matrix. */
    public INDArray featureGradient(String tap) {
        return matrix(gradients.get(tap));
    }

    private static INDArray matrix(INDArray nchw) {
        if (nchw.rank() == 2) {
            return nchw;   // a Gram matrix computed in the graph
        }
        long[] s = nchw.shape();
        return nchw.reshape('c', s[0] * s[1], s[2] * s[3]);
    }

    /** Runs the forward graph on an image (a flat or NCHW float32 array of 3·H·W values). */
    public ForwardPass forward(INDArray image) {
        if (image.length() != imageBuffer.length()) {
            throw new IllegalArgumentException("image has " + image.length() + " values, expected " + imageBuffer.length());
        }
        INDArray source = NativeTensors.isShareable(image) ? image : imageBuffer.assign(image.reshape(imageBuffer.shape()));
        OnnxTensor imageTensor = NativeTensors.share(runtime.environment(), source, imageShape);
        try {
            OrtSession.Result result = forward.run(Map.of(input, imageTensor), unpinnedSaved, featureTensors);
            return new ForwardPass(imageTensor, result);
        } catch (OrtException | RuntimeException e) {
            imageTensor.close();
            throw new EngineException("forward pass failed: " + e.getMessage(), e);
        }
    }

    /** Runs the gradient graph with the saved tensors of {@code pass} and the tap gradients; writes dL/dx. */
    public void backward(ForwardPass pass, INDArray imageGradient) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        for (String s : graphs.saved()) {
            OnnxTensor pinned = featureTensors.get(s);
            if (s.equals(input)) {
                inputs.put(s, pass.image);   // a backward graph that recomputes the forward tensors it reads
            } else {
                inputs.put(s, pinned != null ? pinned : (OnnxTensor) pass.result.get(s).orElseThrow());
            }
        }
        for (String tap : graphs.taps()) {
            inputs.put(TappedGraphs.gradientInput(tap), gradientTensors.get(tap));
        }
        boolean direct = NativeTensors.isShareable(imageGradient);
        INDArray target = direct ? imageGradient : gradientBuffer;
        try (OnnxTensor out = NativeTensors.share(runtime.environment(), target, imageShape);
             OrtSession.Result ignored = backward.run(inputs, Set.of(),
                     Map.of(TappedGraphs.IMAGE_GRADIENT, (OnnxValue) out))) {
            // ORT has written dL/dx into target's buffer
        } catch (OrtException e) {
            throw new EngineException("gradient pass failed: " + e.getMessage(), e);
        }
        if (!direct) {
            imageGradient.assign(gradientBuffer.reshape(imageGradient.shape()));
        }
    }

    /** The native resources of one forward pass, alive until the backward pass has read them. */
    public static final class ForwardPass implements AutoCloseable {
        private final OnnxTensor image;
        private final OrtSession.Result result;

        private ForwardPass(OnnxTensor image, OrtSession.Result result) {
            this.image = image;
            this.result = result;
        }

        @Override
        public void close() {
            result.close();
            image.close();
        }
    }

    @Override
    public void close() {
        featureTensors.values().forEach(OnnxTensor::close);
        gradientTensors.values().forEach(OnnxTensor::close);
        features.values().forEach(INDArray::close);
        gradients.values().forEach(INDArray::close);
        imageBuffer.close();
        gradientBuffer.close();
        closeQuietly(forward);
        closeQuietly(backward);
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // closing is best effort; nothing to recover
            }
        }
    }
}
