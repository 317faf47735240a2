package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.gradient.GradientGraphBuilder;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * A forward-only ONNX Runtime session for one tapped tensor at one image size: the graph is pruned to the tap
 * (nothing past it runs) and no gradient graph is built. Used to describe images for similarity search.
 */
public final class FeatureExtractor implements AutoCloseable {

    private final OrtRuntime runtime;
    private final OrtSession session;
    private final String input;
    private final String tap;
    private final long[] imageShape;
    private final long[] tapShape;

    private FeatureExtractor(OrtRuntime runtime, FeatureGraph graph, String tap, long height, long width) {
        this.runtime = runtime;
        this.input = graph.input();
        this.tap = tap;
        List<NodeProto> nodes = graph.nodesFor(List.of(tap));
        Map<String, long[]> shapes = graph.inferShapes(nodes, height, width);
        this.imageShape = shapes.get(input);
        this.tapShape = shapes.get(tap);
        this.session = runtime.session(GradientGraphBuilder.forwardOnly(graph, List.of(tap), height, width),
                "forward");
    }

    /** Opens the pruned forward session for {@code tap} (a graph tensor) at {@code height}×{@code width}. */
    public static FeatureExtractor open(OrtRuntime runtime, FeatureGraph graph, String tap, long height, long width) {
        return new FeatureExtractor(runtime, graph, tap, height, width);
    }

    /** The tap's shape, [1, C, H, W] for a feature map. */
    public long[] tapShape() {
        return tapShape.clone();
    }

    public String tap() {
        return tap;
    }

    /** The tap's activations for an image of exactly this extractor's size, flat in NCHW order. */
    public float[] features(RgbImage image) {
        if (image.width() != imageShape[3] || image.height() != imageShape[2]) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height() + ", expected "
                    + imageShape[3] + "x" + imageShape[2]);
        }
        try (OnnxTensor x = OnnxTensor.createTensor(runtime.environment(), FloatBuffer.wrap(image.planar()),
                imageShape);
             OrtSession.Result result = session.run(Map.of(input, x))) {
            FloatBuffer fb = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new EngineException("forward pass failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // best effort
        }
    }
}
