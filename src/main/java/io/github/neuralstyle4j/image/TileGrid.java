package io.github.neuralstyle4j.image;

import java.util.List;

/**
 * Lays out equally sized tiles in a near-square grid, each with a caption strip under it (white {@link TinyFont}
 * text on black): {@code columns = ceil(√n)}, {@code rows = ceil(n / columns)}, {@link #GAP} black pixels around and
 * between the cells. A cell is the tile plus its caption strip of {@code 7·scale} rows, where the font scale is
 * {@code max(1, tileWidth / 128)}; a caption longer than the tile is cut.
 */
public final class TileGrid {

    public static final int GAP = 2;

    /** One tile: planar RGB in [0,1] of the grid's tile size, and its caption. */
    public record Tile(float[] chw, String caption) {
    }

    private TileGrid() {
    }

    public static int scale(int tileWidth) {
        return Math.max(1, tileWidth / 128);
    }

    public static int captionHeight(int tileWidth) {
        return (TinyFont.HEIGHT + 2) * scale(tileWidth);
    }

    public static int columns(int tiles) {
        return (int) Math.ceil(Math.sqrt(tiles));
    }

    /** The grid image's size in pixels: {width, height}. */
    public static int[] size(int tiles, int tileWidth, int tileHeight) {
        int columns = columns(tiles);
        int rows = (tiles + columns - 1) / columns;
        return new int[] {columns * (tileWidth + GAP) + GAP,
                rows * (tileHeight + captionHeight(tileWidth) + GAP) + GAP};
    }

    public static RgbImage render(List<Tile> tiles, int tileWidth, int tileHeight) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no tiles");
        }
        int[] size = size(tiles.size(), tileWidth, tileHeight);
        int width = size[0];
        int height = size[1];
        int columns = columns(tiles.size());
        int scale = scale(tileWidth);
        int cellHeight = tileHeight + captionHeight(tileWidth);
        int tilePixels = tileWidth * tileHeight;
        float[] out = new float[3 * width * height];
        for (int t = 0; t < tiles.size(); t++) {
            Tile tile = tiles.get(t);
            if (tile.chw().length != 3 * tilePixels) {
                throw new IllegalArgumentException("tile " + t + " has " + tile.chw().length + " values, expected "
                        + 3 * tilePixels);
            }
            int x0 = GAP + (t % columns) * (tileWidth + GAP);
            int y0 = GAP + (t / columns) * (cellHeight + GAP);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < tileHeight; y++) {
                    System.arraycopy(tile.chw(), c * tilePixels + y * tileWidth, out,
                            (c * height + y0 + y) * width + x0, tileWidth);
                }
            }
            int fits = Math.max(0, (tileWidth - scale) / (TinyFont.ADVANCE * scale));
            String caption = tile.caption().length() > fits ? tile.caption().substring(0, fits) : tile.caption();
            int captionX = x0 + scale;
            TinyFont.draw(out, width, height, caption, captionX, y0 + tileHeight + scale, scale, 1f);
        }
        return RgbImage.of(width, height, out);
    }
}
