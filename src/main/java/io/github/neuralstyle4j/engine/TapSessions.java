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

    /**
     * Allocates the buffers, the sessions and the tensors that share the buffers in one {@link NativeScope}, so that
     * a failure half way (a session ORT cannot load, a tensor that cannot wrap its buffer) releases what was made.
     */
    private TapSessions(OrtRuntime runtime, FeatureGraph graph, TappedGraphs graphs, SessionOpener opener) {
        this.runtime = runtime;
        this.graphs = graphs;
        this.input = graph.input();
        this.imageShape = graphs.shapes().get(input);
        try (NativeScope scope = new NativeScope()) {
            this.imageBuffer = scope.own(Nd4j.create(DataType.FLOAT, imageShape));
            this.gradientBuffer = scope.own(Nd4j.create(DataType.FLOAT, imageShape));
            this.forward = scope.own(opener.open(graphs.forward(), "forward"));
            this.backward = scope.own(opener.open(graphs.backward(), "gradient"));
            for (String tap : graphs.taps()) {
                long[] shape = graphs.shapes().get(tap);
                INDArray f = scope.own(Nd4j.create(DataType.FLOAT, shape));
                INDArray g = scope.own(Nd4j.create(DataType.FLOAT, shape));
                features.put(tap, f);
                gradients.put(tap, g);
                featureTensors.put(tap, scope.own(NativeTensors.share(runtime.environment(), f, shape)));
                gradientTensors.put(tap, scope.own(NativeTensors.share(runtime.environment(), g, shape)));
            }
            scope.release();
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
        return open(runtime, graph, GradientGraphBuilder.build(graph, taps, height, width, mode));
    }

    /** Opens sessions on graphs built elsewhere (e.g. {@link GradientGraphBuilder#buildWithGrams}). */
    public static TapSessions open(OrtRuntime runtime, FeatureGraph graph, TappedGraphs graphs) {
        return new TapSessions(runtime, graph, graphs, runtime::session);
    }

    /** Opens the sessions with {@code opener}: a seam for the tests of what a failed construction releases. */
    static TapSessions open(OrtRuntime runtime, FeatureGraph graph, TappedGraphs graphs, SessionOpener opener) {
        return new TapSessions(runtime, graph, graphs, opener);
    }

    /** Opens an ORT session on a graph; {@code what} names the graph in errors. */
    @FunctionalInterface
    interface SessionOpener {
        OrtSession open(ai.onnx.proto.OnnxMl.ModelProto model, String what);
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

    /** Closes the tensors before the buffers they share, and the sessions last; every one even if one fails. */
    @Override
    public void close() {
        try (NativeScope scope = new NativeScope()) {
            scope.own(backward);
            scope.own(forward);
            scope.own(gradientBuffer);
            scope.own(imageBuffer);
            gradients.values().forEach(scope::own);
            features.values().forEach(scope::own);
            gradientTensors.values().forEach(scope::own);
            featureTensors.values().forEach(scope::own);
        }
    }
}
