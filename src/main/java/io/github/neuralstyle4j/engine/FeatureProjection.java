package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.gradient.BackwardMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Projects single channels of a tapped layer back to image space (Zeiler and Fergus 2014, "zero all other channels
 * and feed the map into the deconv module"): one forward pass, then for each channel c one backward pass of the
 * graph built in a {@link BackwardMode}, fed at the tap with the layer's activation in channel c and zeros elsewhere.
 */
public final class FeatureProjection {

    /**
     * @param meanActivation every channel's mean activation over the layer's positions
     * @param channels       the projected channels, in the order chosen
     * @param projections    one planar 3·H·W projection per chosen channel, raw (not normalised)
     */
    public record Result(float[] meanActivation, List<Integer> channels, List<float[]> projections) {
    }

    private FeatureProjection() {
    }

    /**
     * @param image  the network's input, planar 3·H·W
     * @param choose picks the channels from the mean activations (whose length is the layer's channel count); it may
     *               throw to reject a choice
     */
    public static Result project(OrtRuntime runtime, FeatureGraph graph, String tap, float[] image, int height,
                                 int width, BackwardMode mode, Function<float[], List<Integer>> choose) {
        try (TapSessions sessions = TapSessions.open(runtime, graph, List.of(tap), height, width, mode);
             INDArray x = Nd4j.createFromArray(image);
             INDArray projection = Nd4j.create(DataType.FLOAT, image.length);
             TapSessions.ForwardPass pass = sessions.forward(x)) {
            INDArray features = sessions.features(tap);
            INDArray signal = sessions.featureGradient(tap);
            float[] mean = features.mean(1).toFloatVector();
            List<Integer> channels = List.copyOf(choose.apply(mean.clone()));
            List<float[]> projections = new ArrayList<>();
            for (int c : channels) {
                if (c < 0 || c >= mean.length) {
                    throw new IllegalArgumentException("channel " + c + " of " + mean.length);
                }
                signal.assign(0);
                signal.getRow(c).assign(features.getRow(c));
                sessions.backward(pass, projection);
                projections.add(projection.toFloatVector());
            }
            return new Result(mean, channels, List.copyOf(projections));
        }
    }

    /** The {@code k} channels with the largest mean activation, largest first (the lower index on ties). */
    public static List<Integer> topChannels(float[] meanActivation, int k) {
        return IntStream.range(0, meanActivation.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(c -> -meanActivation[c]).thenComparingInt(c -> c))
                .limit(Math.max(0, k)).toList();
    }

    /**
     * Maps a projection to [0,1] for display: centred at 0 (mid grey) and scaled by its own largest absolute value
     * over all three channels, v ↦ 0.5 + v / (2·max|v|), so the sign is kept and the strongest value is black or
     * white; an all-zero projection is uniform grey.
     */
    public static float[] forDisplay(float[] projection) {
        double max = 0;
        for (float v : projection) {
            max = Math.max(max, Math.abs(v));
        }
        float[] out = new float[projection.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = max == 0 ? 0.5f : (float) Math.min(1, Math.max(0, 0.5 + projection[i] / (2 * max)));
        }
        return out;
    }
}
