package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.RgbImage;

import java.util.List;
import java.util.Locale;

/** The measures of agreement between a run and its reference, in double precision. */
public final class Agreement {

    private Agreement() {
    }

    /** cos∠(a, b); NaN when either vector is zero. */
    public static double cosine(float[] a, float[] b) {
        checkLengths(a, b);
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }

    /** |value − reference| / |reference| in the L2 norm. */
    public static double relativeL2(float[] value, float[] reference) {
        checkLengths(value, reference);
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < value.length; i++) {
            double d = (double) value[i] - reference[i];
            diff += d * d;
            ref += (double) reference[i] * reference[i];
        }
        return Math.sqrt(diff / ref);
    }

    /**
     * One evaluation's relative loss error: max(|Δstyle|, |Δcontent|, |Δtv|, |Δtotal|) / |total_ref|. Relative to the
     * total because a component can be exactly zero (the content loss at the start point).
     */
    public static double lossError(Evaluation ours, Reference.Loss reference) {
        return lossError(ours.style(), ours.content(), ours.tv(), ours.total(), reference);
    }

    /** {@link #lossError(Evaluation, Reference.Loss)} of another reference run's evaluation. */
    public static double lossError(Reference.Loss other, Reference.Loss reference) {
        return lossError(other.style(), other.content(), other.tv(), other.total(), reference);
    }

    private static double lossError(double style, double content, double tv, double total, Reference.Loss reference) {
        double d = Math.max(Math.max(Math.abs(style - reference.style()), Math.abs(content - reference.content())),
                Math.max(Math.abs(tv - reference.tv()), Math.abs(total - reference.total())));
        return d / Math.abs(reference.total());
    }

    /** The worst {@link #lossError(Reference.Loss, Reference.Loss)} over the first {@code n} evaluations of both. */
    public static double worstLossError(List<Reference.Loss> other, List<Reference.Loss> reference, int n) {
        int m = Math.min(n, Math.min(other.size(), reference.size()));
        double worst = 0;
        for (int i = 0; i < m; i++) {
            worst = Math.max(worst, lossError(other.get(i), reference.get(i)));
        }
        return worst;
    }

    /** {@link #lossError} of each of the first {@code n} evaluations both runs made. */
    public static double[] lossErrors(List<Evaluation> ours, List<Reference.Loss> reference, int n) {
        int m = Math.min(n, Math.min(ours.size(), reference.size()));
        double[] errors = new double[m];
        for (int i = 0; i < m; i++) {
            if (ours.get(i).number() != reference.get(i).evaluation()) {
                throw new IllegalArgumentException("evaluation " + ours.get(i).number() + " compared with reference"
                        + " evaluation " + reference.get(i).evaluation());
            }
            errors[i] = lossError(ours.get(i), reference.get(i));
        }
        return errors;
    }

    /** How many leading entries are at most {@code tolerance}. */
    public static int leadingWithin(double[] errors, double tolerance) {
        int k = 0;
        while (k < errors.length && errors[k] <= tolerance) {
            k++;
        }
        return k;
    }

    public static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * PSNR in dB of two images after rounding both to 8 bits ({@code round(clamp(x)·255)}, as the reference's
     * {@code final.png} and neuralstyle4j's written PNGs are); +∞ when the bytes are identical.
     */
    public static double psnr(RgbImage a, RgbImage b) {
        double mse = squaredByteDistance(a, b) / (3.0 * a.width() * a.height());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /**
     * A PSNR for people: "31.47 dB", or "identical (PSNR ∞)" when the images do not differ at all, where
     * {@code String.format} would print "Infinity dB".
     */
    public static String formatPsnr(double psnr) {
        return psnr == Double.POSITIVE_INFINITY ? "identical (PSNR ∞)"
                : String.format(Locale.ROOT, "%.2f dB", psnr);
    }

    /**
     * |image − reference| / |content − reference| in the L2 norm over the 8-bit values (rounded as {@link #psnr}): how
     * far a result lies from the reference result as a fraction of how far doing nothing (the content image) lies.
     */
    public static double distanceRatio(RgbImage image, RgbImage reference, RgbImage content) {
        return distance(image, reference) / distance(content, reference);
    }

    private static double distance(RgbImage a, RgbImage b) {
        return Math.sqrt(squaredByteDistance(a, b));
    }

    /** Σ (a − b)² over the 8-bit values of two images of one size. */
    private static double squaredByteDistance(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
        float[] x = a.planar();
        float[] y = b.planar();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = toByte(x[i]) - toByte(y[i]);
            sum += d * d;
        }
        return sum;
    }

    static int toByte(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        return v >= 1f ? 255 : Math.round(v * 255f);
    }

    private static void checkLengths(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
    }
}
