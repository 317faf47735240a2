package io.github.neuralstyle4j.search;

import io.github.neuralstyle4j.losses.GramMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/** What describes an image for search, from one layer's activations [1, C, H, W]; always an L2-unit vector. */
public enum Descriptor {
    /** Per-channel global average of the activations: what is in the picture (at that layer's level). */
    CONTENT,
    /** The upper triangle (diagonal included, row by row) of the layer's Gram matrix: the picture's style. */
    STYLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Descriptor parse(String s) {
        for (Descriptor d : values()) {
            if (d.label().equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown descriptor '" + s + "'; expected content or style");
    }

    /** Length of the descriptor for a layer of {@code channels} channels. */
    public long dimension(long channels) {
        return this == CONTENT ? channels : channels * (channels + 1) / 2;
    }

    /** The unit descriptor of activations {@code features} (NCHW, batch 1) of shape {@code shape}. */
    public float[] of(float[] features, long[] shape) {
        int c = (int) shape[1];
        int hw = (int) (features.length / c);
        float[] v;
        if (this == CONTENT) {
            v = new float[c];
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int i = ch * hw, end = i + hw; i < end; i++) {
                    sum += features[i];
                }
                v[ch] = (float) (sum / hw);
            }
        } else {
            v = new float[(int) dimension(c)];
            try (INDArray f = Nd4j.createFromArray(features).castTo(DataType.FLOAT).reshape('c', c, hw);
                 INDArray g = GramMatrix.of(f)) {
                float[] gram = g.dup('c').data().asFloat();
                int k = 0;
                for (int i = 0; i < c; i++) {
                    for (int j = i; j < c; j++) {
                        v[k++] = gram[i * c + j];
                    }
                }
            }
        }
        return normalised(v);
    }

    static float[] normalised(float[] v) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        if (ss > 0) {
            float inv = (float) (1 / Math.sqrt(ss));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
