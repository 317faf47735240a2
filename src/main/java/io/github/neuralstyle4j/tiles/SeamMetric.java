package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.image.RgbImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How visible the tile borders are in an output. Where two tiles meet (the middle of each overlap, where a tile
 * without feathering hands over to its neighbour), the mean absolute difference between the two neighbouring pixel
 * columns (rows), over the whole line and the three channels, is divided by the same statistic at the six lines 2 to
 * 4 pixels either side (distance 1 is left out so that a seam smeared over two pixels is not its own reference).
 * Stylized images have strong pixel-to-pixel texture everywhere, and content edges that run along a line raise it
 * and its neighbours alike; a seam is a line that differs more than the texture beside it. The {@link #ratio()}
 * averages the seam lines: about 1 (or below) when the borders cannot be told from the interior, above 1 with a
 * seam.
 *
 * @param lines each seam line's ratio, columns first
 */
public record SeamMetric(List<Double> lines) {

    /** Distances of the reference lines either side of a seam line. */
    static final int NEAR = 2;
    static final int FAR = 4;

    /** Copies the list. */
    public SeamMetric {
        lines = List.copyOf(lines);
    }

    /** The mean of the seam lines' ratios. */
    public double ratio() {
        return lines.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The largest seam line ratio. */
    public double worst() {
        return lines.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Measures {@code image} (of the layout's size) at the lines where its tiles meet. */
    public static SeamMetric of(RgbImage image, TileLayout layout) {
        if (image.width() != layout.width() || image.height() != layout.height()) {
            throw new IllegalArgumentException("image and layout sizes differ");
        }
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c + 1 < layout.columns(); c++) {
            cols.add(layout.cutX(c));
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r + 1 < layout.rows(); r++) {
            rows.add(layout.cutY(r));
        }
        return of(image, cols, rows);
    }

    /**
     * Measures {@code image} with seam lines between column {@code x − 1} and {@code x} for each x in
     * {@code seamColumns}, and likewise for rows; each needs {@link #FAR} + 1 lines of room either side.
     */
    public static SeamMetric of(RgbImage image, List<Integer> seamColumns, List<Integer> seamRows) {
        List<Double> ratios = new ArrayList<>();
        for (int x : seamColumns) {
            ratios.add(ratio(x, image.width(), i -> columnDifference(image, i)));
        }
        for (int y : seamRows) {
            ratios.add(ratio(y, image.height(), i -> rowDifference(image, i)));
        }
        return new SeamMetric(ratios);
    }

    private static double ratio(int line, int extent, java.util.function.IntToDoubleFunction difference) {
        if (line - FAR < 1 || line + FAR >= extent) {
            throw new IllegalArgumentException("seam line " + line + " is too close to the edge of " + extent);
        }
        double reference = 0;
        for (int d = NEAR; d <= FAR; d++) {
            reference += difference.applyAsDouble(line - d) + difference.applyAsDouble(line + d);
        }
        return difference.applyAsDouble(line) / (reference / (2 * (FAR - NEAR + 1)));
    }

    /** Mean over rows and channels of |I(x, y) − I(x − 1, y)|. */
    static double columnDifference(RgbImage image, int x) {
        int w = image.width();
        int h = image.height();
        float[] p = image.planar();
        double s = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int i = (c * h + y) * w + x;
                s += Math.abs(p[i] - p[i - 1]);
            }
        }
        return s / (3.0 * h);
    }

    /** Mean over columns and channels of |I(x, y) − I(x, y − 1)|. */
    static double rowDifference(RgbImage image, int y) {
        int w = image.width();
        int h = image.height();
        float[] p = image.planar();
        double s = 0;
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < w; x++) {
                int i = (c * h + y) * w + x;
                s += Math.abs(p[i] - p[i - w]);
            }
        }
        return s / (3.0 * w);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "seam ratio %.3f (worst line %.3f, %d lines)", ratio(), worst(),
                lines.size());
    }
}
