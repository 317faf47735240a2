package io.github.neuralstyle4j.backbone;

import java.util.Arrays;

/**
 * The (x − mean) / std that {@link BackboneImporter} puts in front of an imported graph, applied to the [0,1] RGB
 * input, or none when the imported graph normalises itself.
 *
 * @param mean per-channel mean (R, G, B), or null for none
 * @param std  per-channel standard deviation (R, G, B), or null for none
 */
public record InputNormalization(float[] mean, float[] std) {

    public static final InputNormalization IMAGENET =
            new InputNormalization(VggBackboneGenerator.IMAGENET_MEAN, VggBackboneGenerator.IMAGENET_STD);
    public static final InputNormalization NONE = new InputNormalization(null, null);

    public boolean isNone() {
        return mean == null;
    }

    /** {@code imagenet}, {@code none}, or {@code MEAN,MEAN,MEAN:STD,STD,STD} (RGB order, for inputs in [0,1]). */
    public static InputNormalization parse(String spec) {
        String s = spec.strip();
        if (s.equalsIgnoreCase("imagenet")) {
            return IMAGENET;
        }
        if (s.equalsIgnoreCase("none")) {
            return NONE;
        }
        String[] parts = s.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected imagenet, none or MEAN,MEAN,MEAN:STD,STD,STD, got '" + spec + "'");
        }
        float[] mean = three(parts[0], spec);
        float[] std = three(parts[1], spec);
        for (float v : std) {
            if (!(v > 0) || !Float.isFinite(v)) {
                throw new IllegalArgumentException("std values must be positive, got '" + spec + "'");
            }
        }
        return new InputNormalization(mean, std);
    }

    private static float[] three(String list, String spec) {
        String[] v = list.split(",");
        if (v.length != 3) {
            throw new IllegalArgumentException("expected three comma-separated values (R,G,B) on each side of ':', got '"
                    + spec + "'");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            try {
                out[i] = Float.parseFloat(v[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v[i].strip() + "' is not a number in '" + spec + "'");
            }
            if (!Float.isFinite(out[i])) {
                throw new IllegalArgumentException("'" + v[i].strip() + "' is not a finite number in '" + spec + "'");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return isNone() ? "none (the graph's own)"
                : this == IMAGENET ? "ImageNet mean/std"
                : "mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }
}
