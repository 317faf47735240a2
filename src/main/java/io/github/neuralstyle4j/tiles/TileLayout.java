package io.github.neuralstyle4j.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grid of equally sized, overlapping tiles covering a {@code width}×{@code height} image. Equal sizes let every
 * tile reuse one set of ONNX Runtime sessions. Tile sizes are rounded up to {@code align} pixels (the deepest tap's
 * stride) and the origins of all but the last tile in each direction are multiples of it, so that most tile
 * borders fall on the tap's feature grid; tiles are spread evenly, the last one ending at the image's edge.
 *
 * @param width      the image's width
 * @param height     the image's height
 * @param columns    tiles across
 * @param rows       tiles down
 * @param tileWidth  every tile's width
 * @param tileHeight every tile's height
 * @param xs         the tiles' left edges, one per column
 * @param ys         the tiles' top edges, one per row
 */
public record TileLayout(int width, int height, int columns, int rows, int tileWidth, int tileHeight, int[] xs,
                         int[] ys) {

    /**
     * One tile: its index in row-major order and its rectangle in the image.
     *
     * @param index  row-major index, from 0
     * @param column its column
     * @param row    its row
     */
    public record Tile(int index, int column, int row, int x, int y, int width, int height) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "tile %d (%d,%d %dx%d)", index + 1, x, y, width, height);
        }
    }

    /**
     * Lays out {@code columns}×{@code rows} tiles overlapping by at least {@code overlap} pixels (less only where
     * alignment shifts an origin by up to {@code align - 1} pixels).
     *
     * @throws IllegalArgumentException if the grid does not fit the image with that overlap
     */
    public static TileLayout of(int width, int height, int columns, int rows, int overlap, int align) {
        if (columns < 1 || rows < 1 || overlap < 0 || align < 1) {
            throw new IllegalArgumentException("invalid tile grid " + columns + "x" + rows + ", overlap " + overlap
                    + ", align " + align);
        }
        int tileWidth = tileSide(width, columns, overlap, align);
        int tileHeight = tileSide(height, rows, overlap, align);
        TileLayout layout = new TileLayout(width, height, columns, rows, tileWidth, tileHeight,
                origins(width, columns, tileWidth, align), origins(height, rows, tileHeight, align));
        layout.checkRampsApart();
        return layout;
    }

    /** A tile's two feathering ramps (one per neighbour) must not meet, or its weights would not sum to 1. */
    private void checkRampsApart() {
        for (int c = 1; c + 1 < columns; c++) {
            if ((xs[c - 1] + tileWidth - xs[c]) + (xs[c] + tileWidth - xs[c + 1]) > tileWidth) {
                throw new IllegalArgumentException(columns + " columns of " + tileWidth + " px overlap too much");
            }
        }
        for (int r = 1; r + 1 < rows; r++) {
            if ((ys[r - 1] + tileHeight - ys[r]) + (ys[r] + tileHeight - ys[r + 1]) > tileHeight) {
                throw new IllegalArgumentException(rows + " rows of " + tileHeight + " px overlap too much");
            }
        }
    }

    /**
     * As many tiles of exactly {@code tileWidth}×{@code tileHeight} as it takes to cover the image with overlaps of
     * at least {@code overlap} (at most half a tile), for images other than the stage's (a style image).
     */
    public static TileLayout ofTileSize(int width, int height, int tileWidth, int tileHeight, int overlap,
                                        int align) {
        if (tileWidth < 1 || tileHeight < 1 || tileWidth > width || tileHeight > height) {
            throw new IllegalArgumentException("tiles of " + tileWidth + "×" + tileHeight + " for an image of "
                    + width + "×" + height);
        }
        int columns = count(width, tileWidth, Math.min(overlap, tileWidth / 2));
        int rows = count(height, tileHeight, Math.min(overlap, tileHeight / 2));
        return new TileLayout(width, height, columns, rows, tileWidth, tileHeight,
                origins(width, columns, tileWidth, align), origins(height, rows, tileHeight, align));
    }

    private static int count(int length, int side, int overlap) {
        return side >= length ? 1 : (int) Math.ceil((double) (length - overlap) / (side - overlap));
    }

    /** The side that n tiles overlapping by {@code overlap} need to cover {@code length}, aligned, at most length. */
    static int tileSide(int length, int n, int overlap, int align) {
        if (n == 1) {
            return length;
        }
        long need = ((long) length + (long) (n - 1) * overlap + n - 1) / n;
        long aligned = (need + align - 1) / align * align;
        if (aligned + overlap > length) {
            throw new IllegalArgumentException(n + " tiles overlapping by " + overlap + " px do not fit in "
                    + length + " px");
        }
        return (int) aligned;
    }

    private static int[] origins(int length, int n, int side, int align) {
        int[] o = new int[n];
        for (int i = 1; i < n; i++) {
            o[i] = i == n - 1 ? length - side : (int) ((long) i * (length - side) / (n - 1)) / align * align;
        }
        return o;
    }

    /** Every tile, row by row. */
    public List<Tile> tiles() {
        List<Tile> tiles = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                tiles.add(new Tile(r * columns + c, c, r, xs[c], ys[r], tileWidth, tileHeight));
            }
        }
        return tiles;
    }

    /** How many tiles. */
    public int count() {
        return columns * rows;
    }

    /**
     * Where ownership passes from column {@code c} to column {@code c + 1}: the middle of their overlap. The owned
     * regions partition the image (a hard cut without feathering, and the Gram accumulation, use them).
     */
    public int cutX(int c) {
        return (xs[c + 1] + xs[c] + tileWidth) / 2;
    }

    /** As {@link #cutX}, between row {@code r} and {@code r + 1}. */
    public int cutY(int r) {
        return (ys[r + 1] + ys[r] + tileHeight) / 2;
    }

    /** The columns this tile owns: [start, end) in image coordinates. */
    public int[] ownedX(Tile t) {
        return new int[] {t.column() == 0 ? 0 : cutX(t.column() - 1),
                t.column() == columns - 1 ? width : cutX(t.column())};
    }

    /** The rows this tile owns: [start, end) in image coordinates. */
    public int[] ownedY(Tile t) {
        return new int[] {t.row() == 0 ? 0 : cutY(t.row() - 1), t.row() == rows - 1 ? height : cutY(t.row())};
    }

    /** The smallest overlap between neighbouring tiles, or 0 for a single tile. */
    public int minOverlap() {
        int min = Integer.MAX_VALUE;
        for (int c = 0; c + 1 < columns; c++) {
            min = Math.min(min, xs[c] + tileWidth - xs[c + 1]);
        }
        for (int r = 0; r + 1 < rows; r++) {
            min = Math.min(min, ys[r] + tileHeight - ys[r + 1]);
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    /** e.g. {@code 2×2 tiles of 1984×1152 px, overlap ≥ 128 px}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d×%d tiles of %d×%d px, overlap ≥ %d px", columns, rows, tileWidth,
                tileHeight, minOverlap());
    }
}
