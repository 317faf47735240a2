package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid covers the image with equal, aligned, overlapping tiles, and feathering's weights sum to 1. */
class TileLayoutTest {

    @Test
    void tilesCoverTheImageWithEqualSizesAlignedOriginsAndTheOverlap() {
        TileLayout l = TileLayout.of(3840, 2160, 2, 2, 128, 4);
        assertEquals(4, l.count());
        // ceil((3840 + 128) / 2) = 1984, ceil((2160 + 128) / 2) = 1144, both multiples of 4
        assertEquals(1984, l.tileWidth());
        assertEquals(1144, l.tileHeight());
        assertEquals(3840, l.xs()[1] + l.tileWidth(), "the last column ends at the edge");
        assertEquals(2160, l.ys()[1] + l.tileHeight(), "the last row ends at the edge");
        assertTrue(l.minOverlap() >= 128, "overlap " + l.minOverlap());
        TileLayout three = TileLayout.of(1000, 300, 3, 1, 64, 16);
        for (int c = 0; c < 2; c++) {
            assertEquals(0, three.xs()[c] % 16, "aligned origin " + Arrays.toString(three.xs()));
            assertTrue(three.xs()[c] + three.tileWidth() - three.xs()[c + 1] >= 64 - 15, "overlap");
        }
        assertEquals(1000, three.xs()[2] + three.tileWidth());
    }

    @Test
    void aGridThatCannotHoldItsOverlapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TileLayout.of(100, 100, 8, 1, 40, 1));
    }

    @Test
    void ownedRegionsPartitionTheImage() {
        TileLayout l = TileLayout.of(130, 97, 3, 2, 20, 4);
        int[] owners = new int[130 * 97];
        for (TileLayout.Tile t : l.tiles()) {
            int[] xs = l.ownedX(t);
            int[] ys = l.ownedY(t);
            assertTrue(xs[0] >= t.x() && xs[1] <= t.x() + t.width(), "owned inside the tile");
            for (int y = ys[0]; y < ys[1]; y++) {
                for (int x = xs[0]; x < xs[1]; x++) {
                    owners[y * 130 + x]++;
                }
            }
        }
        assertTrue(Arrays.stream(owners).allMatch(n -> n == 1), "every pixel owned exactly once");
    }

    /** Tiles of all ones over a start of zeros: the canvas is 1 everywhere exactly when the weights sum to 1. */
    @Test
    void featheredWeightsSumToOneEverywhere() {
        TileLayout l = TileLayout.of(130, 97, 3, 2, 20, 4);
        FeatherBlend blend = new FeatherBlend(l, true, RgbImage.of(130, 97, new float[3 * 130 * 97]));
        float[] ones = new float[3 * l.tileWidth() * l.tileHeight()];
        Arrays.fill(ones, 1);
        for (TileLayout.Tile t : l.tiles()) {
            blend.add(t, RgbImage.of(t.width(), t.height(), ones));
        }
        for (float v : blend.image().planar()) {
            assertEquals(1, v, 1e-6); // float sums of a few ramp products: error ~ 1e-7
        }
    }

    /** Before the last tile is in, its share comes from the start image; without feathering, from the owner. */
    @Test
    void unfinishedAreasShowTheStartAndAHardCutTakesTheOwner() {
        TileLayout l = TileLayout.of(64, 32, 2, 1, 16, 1);
        float[] start = new float[3 * 64 * 32];
        Arrays.fill(start, 0.5f);
        FeatherBlend hard = new FeatherBlend(l, false, RgbImage.of(64, 32, start));
        float[] zeros = new float[3 * l.tileWidth() * 32];
        hard.add(l.tiles().get(0), RgbImage.of(l.tileWidth(), 32, zeros));
        RgbImage half = hard.image();
        int cut = l.cutX(0);
        assertEquals(0, half.get(1, cut - 1, 5), 0);
        assertEquals(0.5f, half.get(1, cut, 5), 0);
        FeatherBlend soft = new FeatherBlend(l, true, RgbImage.of(64, 32, start));
        soft.add(l.tiles().get(0), RgbImage.of(l.tileWidth(), 32, zeros));
        // inside the overlap the first tile's weight falls linearly: the start shows through in proportion
        float mid = soft.image().get(0, cut, 5);
        assertTrue(mid > 0.2f && mid < 0.3f, "half-way the start has weight about 1/2: " + mid);
    }
}
