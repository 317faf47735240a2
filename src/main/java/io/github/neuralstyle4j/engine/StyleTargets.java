package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.config.StyleNormalization;
import io.github.neuralstyle4j.config.StyleSpec;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.losses.GuidanceChannel;
import io.github.neuralstyle4j.losses.MaskedStyleLoss;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The style terms of a run: per style layer, the blend of the style images' Gram matrices (Σ w_i·G_i with the
 * weights summing to 1) as the target, weighted by style weight × layer weight × the normalisation's factor.
 */
final class StyleTargets {

    private StyleTargets() {
    }

    /**
     * @param taps     the graph tensor of each of {@code style}'s layers, in their order
     * @param sessions  the run's sessions; a style image of another size (a style scale) gets its own sessions
     * @param placement where the Gram matrices are computed, as for the run's sessions
     * @param weights   the blend weights, summing to 1
     */
    static List<StyleTransferObjective.Term> terms(StyleSpec style, List<String> taps, FeatureGraph graph,
                                                   OrtRuntime runtime, TapSessions sessions, GramPlacement placement,
                                                   List<RgbImage> images, double[] weights) {
        return terms(style.layers(), style.weight(), style.normalize(), taps, graph, runtime, sessions, placement,
                images, weights);
    }

    /**
     * As above, for style layers with their weights, the style term's weight and its normalisation. The losses of
     * the returned terms hold native arrays: the caller closes them.
     */
    static List<StyleTransferObjective.Term> terms(Map<String, Double> layers, double styleWeight,
                                                   StyleNormalization normalize, List<String> taps, FeatureGraph graph,
                                                   OrtRuntime runtime, TapSessions sessions, GramPlacement placement,
                                                   List<RgbImage> images, double[] weights) {
        List<INDArray> blended = blendedGrams(taps, graph, runtime, sessions, placement, images, weights);
        List<StyleTransferObjective.Term> terms = new ArrayList<>();
        // the blended Grams are copied into the losses and released here, also when a loss cannot be made
        try (NativeScope scope = new NativeScope()) {
            blended.forEach(scope::own);
            int k = 0;
            for (Map.Entry<String, Double> e : layers.entrySet()) {
                INDArray target = blended.get(k);
                double factor = normalize.factor(target.rows());
                terms.add(new StyleTransferObjective.Term(placement.styleOutput(taps.get(k)),
                        placement.styleLoss(target), styleWeight * e.getValue() * factor));
                k++;
            }
        } catch (RuntimeException e) {
            terms.forEach(t -> t.loss().close());
            throw e;
        }
        return terms;
    }

    /**
     * As above with style masks (Gatys et al. 2017 §4): the unmasked style images share one blended target as
     * without masks, its term weighted by their share of the blend; each masked image gets a term of its own per
     * layer, its Gram (of the whole style image) as the target of the output's Gram over the mask's region
     * ({@link MaskedStyleLoss}), weighted by its blend weight. Needs the Gram matrices on the host.
     *
     * @param masks per image, its guidance channel at the run's working size, or null
     */
    static List<StyleTransferObjective.Term> terms(Map<String, Double> layers, double styleWeight,
                                                   StyleNormalization normalize, List<String> taps, FeatureGraph graph,
                                                   OrtRuntime runtime, TapSessions sessions, GramPlacement placement,
                                                   List<RgbImage> images, double[] weights,
                                                   List<GuidanceChannel> masks) {
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (masks.get(i) == null) {
                plain.add(i);
            }
        }
        if (plain.size() == images.size()) {
            return terms(layers, styleWeight, normalize, taps, graph, runtime, sessions, placement, images, weights);
        }
        if (placement != GramPlacement.HOST) {
            throw new IllegalArgumentException("style masks need the Gram matrices on the host, not in the graph");
        }
        List<StyleTransferObjective.Term> terms = new ArrayList<>();
        try {
            double share = plain.stream().mapToDouble(i -> weights[i]).sum();
            if (share > 0) {
                terms.addAll(terms(layers, styleWeight * share, normalize, taps, graph, runtime, sessions, placement,
                        plain.stream().map(images::get).toList(), plain.stream().mapToDouble(i -> weights[i] / share)
                                .toArray()));
            }
            for (int i = 0; i < images.size(); i++) {
                if (masks.get(i) == null || weights[i] == 0) {
                    continue;
                }
                try (NativeScope scope = new NativeScope()) {
                    List<INDArray> grams = blendedGrams(taps, graph, runtime, sessions, placement,
                            List.of(images.get(i)), new double[] {1});
                    grams.forEach(scope::own);
                    int k = 0;
                    for (double layerWeight : layers.values()) {
                        String tap = taps.get(k);
                        long[] shape = sessions.graphs().shapes().get(tap);   // [1, C, h, w]
                        GuidanceChannel channel = masks.get(i).resizedTo((int) shape[3], (int) shape[2]);
                        INDArray target = grams.get(k);
                        terms.add(new StyleTransferObjective.Term(tap, new MaskedStyleLoss(target, channel),
                                styleWeight * weights[i] * layerWeight * normalize.factor(target.rows())));
                        k++;
                    }
                }
            }
        } catch (RuntimeException e) {
            terms.forEach(t -> t.loss().close());
            throw e;
        }
        return terms;
    }

    /** Per tap, Σ weight_i × Gram of image i, each image at its own size (new arrays the caller closes). */
    private static List<INDArray> blendedGrams(List<String> taps, FeatureGraph graph, OrtRuntime runtime,
                                               TapSessions sessions, GramPlacement placement, List<RgbImage> images,
                                               double[] weights) {
        List<INDArray> blended = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = images.get(i);
            long[] shape = sessions.imageShape();
            if (image.height() == shape[2] && image.width() == shape[3]) {
                accumulate(sessions, placement, image, taps, weights[i], blended);
            } else {
                try (TapSessions own = placement.open(runtime, graph, List.of(), taps.stream().distinct().toList(),
                        image.height(), image.width())) {
                    accumulate(own, placement, image, taps, weights[i], blended);
                }
            }
        }
        return blended;
    }

    /** Adds weight × this image's Gram of each tap to {@code blended} (creating the entries for the first image). */
    private static void accumulate(TapSessions sessions, GramPlacement placement, RgbImage image, List<String> taps,
                                   double weight, List<INDArray> blended) {
        boolean first = blended.isEmpty();
        try (INDArray x = StyleTransferRun.toArray(image); TapSessions.ForwardPass ignored = sessions.forward(x)) {
            for (int k = 0; k < taps.size(); k++) {
                INDArray g = placement.gram(sessions, taps.get(k));
                if (weight != 1) {
                    g.muli(weight);
                }
                if (first) {
                    blended.add(g);
                } else {
                    blended.get(k).addi(g);
                    g.close();
                }
            }
        }
    }
}
