package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.image.RgbImage;

/**
 * A stage's canvas, assembled from its tiles. With feathering each tile's weight ramps linearly from 0 to 1 across
 * the overlap with each neighbour and the neighbour's falls from 1 to 0 over the same pixels, so the weights of the
 * tiles covering a pixel sum to exactly 1 (per axis (p+½)/L + 1 − (p+½)/L, and the 2-D weight is the product of the
 * two axes'): no pixel is a hard switch from one tile's texture to another's. Without feathering each pixel comes
 * from the tile that owns it ({@link TileLayout#ownedX}), a hard cut in the middle of the overlap, kept to show
 * what feathering removes. Until every tile is in, the missing weight is taken from the stage's start image.
 */
public final class FeatherBlend {

    private final TileLayout layout;
    private final boolean feather;
    private final RgbImage start;
    private final float[] sum;
    private final float[] weight;

    /** @param start the image the stage starts from, which fills whatever the tiles added so far do not cover */
    public FeatherBlend(TileLayout layout, boolean feather, RgbImage start) {
        if (start.width() != layout.width() || start.height() != layout.height()) {
            throw new IllegalArgumentException("start image " + start.width() + "×" + start.height()
                    + " does not match the layout's " + layout.width() + "×" + layout.height());
        }
        this.layout = layout;
        this.feather = feather;
        this.start = start;
        this.sum = new float[3 * layout.width() * layout.height()];
        this.weight = new float[layout.width() * layout.height()];
    }

    /** Adds a finished tile (its image has the tile's size). */
    public void add(TileLayout.Tile tile, RgbImage image) {
        if (image.width() != tile.width() || image.height() != tile.height()) {
            throw new IllegalArgumentException("tile image " + image.width() + "×" + image.height() + " for " + tile);
        }
        float[] wx = axisWeights(tile.column(), layout.columns(), layout.xs(), layout.tileWidth(),
                feather ? null : layout.ownedX(tile), tile.x());
        float[] wy = axisWeights(tile.row(), layout.rows(), layout.ys(), layout.tileHeight(),
                feather ? null : layout.ownedY(tile), tile.y());
        int w = layout.width();
        int plane = w * layout.height();
        int tilePlane = tile.width() * tile.height();
        float[] px = image.planar();
        for (int y = 0; y < tile.height(); y++) {
            for (int x = 0; x < tile.width(); x++) {
                float k = wx[x] * wy[y];
                if (k == 0) {
                    continue;
                }
                int at = (tile.y() + y) * w + tile.x() + x;
                int from = y * tile.width() + x;
                weight[at] += k;
                for (int c = 0; c < 3; c++) {
                    sum[c * plane + at] += k * px[c * tilePlane + from];
                }
            }
        }
    }

    /**
     * One axis's weights for the tile at index {@code i} of {@code n}: linear ramps over the overlaps with the
     * neighbours (feathering), or 1 inside {@code owned} and 0 outside (a hard cut).
     */
    static float[] axisWeights(int i, int n, int[] origins, int side, int[] owned, int origin) {
        float[] w = new float[side];
        for (int p = 0; p < side; p++) {
            int at = origin + p;
            if (owned != null) {
                w[p] = at >= owned[0] && at < owned[1] ? 1 : 0;
                continue;
            }
            float k = 1;
            if (i > 0) {
                int overlap = origins[i - 1] + side - origin;   // shared with the previous tile
                if (p < overlap) {
                    k = (p + 0.5f) / overlap;
                }
            }
            if (i < n - 1) {
                int overlap = origin + side - origins[i + 1];  // shared with the next tile
                int q = at - origins[i + 1];
                if (q >= 0) {
                    k = Math.min(k, 1 - (q + 0.5f) / overlap);
                }
            }
            w[p] = k;
        }
        return w;
    }

    /** The canvas: Σ weight·tile + (1 − Σ weight)·start at every pixel. */
    public RgbImage image() {
        int plane = weight.length;
        float[] out = new float[sum.length];
        float[] s = start.planar();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                float rest = Math.max(0, 1 - weight[i]);
                out[c * plane + i] = sum[c * plane + i] + rest * s[c * plane + i];
            }
        }
        return RgbImage.of(layout.width(), layout.height(), out);
    }
}
