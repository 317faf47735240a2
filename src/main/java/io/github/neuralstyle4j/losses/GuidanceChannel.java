package io.github.neuralstyle4j.losses;

/**
 * A spatial guidance channel (Gatys et al. 2017, "Controlling Perceptual Factors in Neural Style Transfer", §4): one
 * weight in [0, 1] per position of an image or a feature map, row by row; 1 where a loss term applies, 0 where it does
 * not. A mask given at the output image's size is brought to each tapped layer's resolution by {@link #resizedTo}.
 */
public final class GuidanceChannel {

    private final int width;
    private final int height;
    private final float[] values;

    private GuidanceChannel(int width, int height, float[] values) {
        this.width = width;
        this.height = height;
        this.values = values;
    }

    /**
     * @param values row-major, {@code width · height} weights in [0, 1], not all 0 (copied)
     * @throws IllegalArgumentException if the size does not match, a weight is outside [0, 1] or all are 0
     */
    public static GuidanceChannel of(int width, int height, float[] values) {
        if (width < 1 || height < 1 || values.length != (long) width * height) {
            throw new IllegalArgumentException("a guidance channel of " + width + "×" + height + " needs "
                    + (long) width * height + " values, got " + values.length);
        }
        boolean any = false;
        for (float v : values) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("guidance weights must be in [0, 1], got " + v);
            }
            any |= v > 0;
        }
        if (!any) {
            throw new IllegalArgumentException("the mask is black everywhere: its loss term would apply nowhere");
        }
        return new GuidanceChannel(width, height, values.clone());
    }

    /**
     * The channel at a layer's resolution by area averaging, as PyTorch's {@code F.interpolate(mode="area")}
     * ({@code adaptive_avg_pool2d}): output cell (i, j) is the mean over input rows ⌊i·H/h⌋ … ⌈(i+1)·H/h⌉ − 1 and the
     * columns likewise. For VGG's halving pools (H = 2h) that is the mean of each 2×2 block, the positions the layer's
     * cell summarises; averaging keeps a soft edge soft rather than picking one pixel of it. A channel that is not
     * all black stays so: every input position lies in some window.
     */
    public GuidanceChannel resizedTo(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        float[] out = new float[w * h];
        for (int i = 0; i < h; i++) {
            int r0 = (int) ((long) i * height / h);
            int r1 = (int) -Math.floorDiv(-(long) (i + 1) * height, h);
            for (int j = 0; j < w; j++) {
                int c0 = (int) ((long) j * width / w);
                int c1 = (int) -Math.floorDiv(-(long) (j + 1) * width, w);
                double sum = 0;
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        sum += values[r * width + c];
                    }
                }
                out[i * w + j] = (float) (sum / ((double) (r1 - r0) * (c1 - c0)));
            }
        }
        return new GuidanceChannel(w, h, out);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The weights, row by row (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** Σ m², the normalisation of the masked losses: the number of positions a binary mask selects. */
    public double squaredMass() {
        double s = 0;
        for (float v : values) {
            s += (double) v * v;
        }
        return s;
    }

    /** Whether every weight is 1: then a masked loss equals the unmasked one. */
    public boolean isFull() {
        for (float v : values) {
            if (v != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "GuidanceChannel[" + width + "×" + height + "]";
    }
}
