package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleNormalization;
import io.github.neuralstyle4j.config.StyleSpec;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Style targets against the losses written out from their definitions in double precision on the network's raw
 * features: the blend of several styles' Grams, a style image at another size, and the paper's normalisation.
 */
class StyleTargetsTest {

    private static final int H = 12;
    private static final int W = 10;
    private static final List<String> TAPS = List.of("c1", "c3");

    private final FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
    private final OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));

    private static RgbImage random(Random r, int w, int h) {
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return RgbImage.of(w, h, v);
    }

    private static StyleSpec spec(StyleNormalization normalize, int images) {
        Map<String, Double> layers = new LinkedHashMap<>();
        layers.put("c1", 2.0);
        layers.put("c3", 0.5);
        List<StyleImage> list = java.util.Collections.nCopies(images, StyleImage.of("unused.png"));
        return new StyleSpec(list, 3.0, layers, null, normalize);
    }

    /** The raw features of an image at each tap, [C][M] in double, from sessions of the image's own size. */
    private Map<String, double[][]> features(RgbImage image) {
        Map<String, double[][]> all = new LinkedHashMap<>();
        try (TapSessions s = TapSessions.open(runtime, graph, TAPS, image.height(), image.width());
             INDArray x = StyleTransferRun.toArray(image);
             TapSessions.ForwardPass ignored = s.forward(x)) {
            for (String tap : TAPS) {
                INDArray f = s.features(tap);
                double[][] out = new double[(int) f.rows()][(int) f.columns()];
                for (int c = 0; c < out.length; c++) {
                    for (int m = 0; m < out[c].length; m++) {
                        out[c][m] = f.getDouble(c, m);
                    }
                }
                all.put(tap, out);
            }
        }
        return all;
    }

    /** Raw F·Fᵀ (no normalisation). */
    private static double[][] outer(double[][] f) {
        int c = f.length;
        double[][] g = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int m = 0; m < f[i].length; m++) {
                    s += f[i][m] * f[j][m];
                }
                g[i][j] = s;
            }
        }
        return g;
    }

    /** The sum of the terms' weighted losses at x. */
    private double loss(List<StyleTransferObjective.Term> terms, TapSessions sessions, RgbImage x) {
        double sum = 0;
        try (INDArray a = StyleTransferRun.toArray(x); TapSessions.ForwardPass ignored = sessions.forward(a)) {
            for (StyleTransferObjective.Term t : terms) {
                INDArray f = sessions.features(t.tap());
                try (INDArray g = Nd4j.create(DataType.FLOAT, f.shape())) {
                    sum += t.loss().accumulate(f, g, t.weight());
                }
            }
        }
        return sum;
    }

    @Test
    void blendedTargetIsTheWeightedMeanOfTheGramsAndStylesMayHaveAnotherSize() {
        Random r = new Random(3);
        RgbImage a = random(r, W, H);
        RgbImage b = random(r, 2 * W, 2 * H + 2);   // another size, as a style scale makes
        RgbImage x = random(r, W, H);
        StyleSpec style = spec(StyleNormalization.NONE, 2);
        double[] weights = {0.25, 0.75};
        double expected = 0;
        Map<String, double[][]> featuresA = features(a);
        Map<String, double[][]> featuresB = features(b);
        Map<String, double[][]> featuresX = features(x);
        for (String tap : TAPS) {
            double layerWeight = style.layers().get(tap);
            double[][] fa = featuresA.get(tap);
            double[][] fb = featuresB.get(tap);
            double[][] fx = featuresX.get(tap);
            double[][] ga = outer(fa);
            double[][] gb = outer(fb);
            double[][] gx = outer(fx);
            int c = fa.length;
            // the seed's Gram G = F·Fᵀ/(C·M), each image with its own M; loss = mean over C² of (G − A)²
            double sq = 0;
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    double target = weights[0] * ga[i][j] / (c * fa[0].length)
                            + weights[1] * gb[i][j] / (c * fb[0].length);
                    double d = gx[i][j] / (c * fx[0].length) - target;
                    sq += d * d;
                }
            }
            expected += style.weight() * layerWeight * sq / (c * c);
        }
        try (TapSessions sessions = TapSessions.open(runtime, graph, TAPS, H, W)) {
            List<StyleTransferObjective.Term> terms = StyleTargets.terms(style, TAPS, graph, runtime, sessions, GramPlacement.HOST,
                    List.of(a, b), weights);
            // float32 Grams of a few hundred products against double: ~1e-6 relative; a wrong weight, size
            // normalisation or missing image is off by tens of percent
            assertEquals(expected, loss(terms, sessions, x), 1e-4 * expected);
        }
    }

    @Test
    void gatysNormalisationGivesThePapersLayerLoss() {
        Random r = new Random(5);
        RgbImage s = random(r, W, H);
        RgbImage x = random(r, W, H);
        StyleSpec style = spec(StyleNormalization.GATYS, 1);
        double expected = 0;
        Map<String, double[][]> featuresS = features(s);
        Map<String, double[][]> featuresX = features(x);
        for (String tap : TAPS) {
            double[][] fs = featuresS.get(tap);
            double[][] fx = featuresX.get(tap);
            double[][] gs = outer(fs);
            double[][] gx = outer(fx);
            int n = fs.length;
            int m = fs[0].length;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sq += (gx[i][j] - gs[i][j]) * (gx[i][j] - gs[i][j]);
                }
            }
            // Gatys et al. 2016, eq. 4: E_l = Σ(G − A)² / (4 N² M²) with unnormalised Grams
            expected += style.weight() * style.layers().get(tap) * sq / (4.0 * n * n * (double) m * m);
        }
        try (TapSessions sessions = TapSessions.open(runtime, graph, TAPS, H, W)) {
            List<StyleTransferObjective.Term> terms = StyleTargets.terms(style, TAPS, graph, runtime, sessions, GramPlacement.HOST,
                    List.of(s), new double[] {1});
            assertEquals(expected, loss(terms, sessions, x), 1e-4 * expected);
        }
    }
}
