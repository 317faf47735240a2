package io.github.neuralstyle4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinImagesTest {

    @Test
    void namesAndPrefix() {
        assertEquals(List.of("builtin:landscape", "builtin:brushstrokes", "builtin:mosaic", "builtin:lake-mask",
                "builtin:land-mask"), BuiltinImages.names());
        assertTrue(BuiltinImages.isBuiltin("builtin:anything"));
        assertFalse(BuiltinImages.isBuiltin("landscape.png"));
        assertFalse(BuiltinImages.isBuiltin(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin:landscape", "builtin:brushstrokes", "builtin:mosaic", "builtin:lake-mask"})
    void renderingIsDeterministicAtTheNativeSize(String name) {
        BufferedImage first = BuiltinImages.render(name);
        BufferedImage second = BuiltinImages.render(name);
        assertEquals(512, first.getWidth());
        assertEquals(384, first.getHeight());
        assertArrayEquals(pixels(first), pixels(second));
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin:landscape", "builtin:brushstrokes", "builtin:mosaic"})
    void loadingGivesTheRenderedBytesOver255(String name) {
        int[] argb = pixels(BuiltinImages.render(name));
        RgbImage loaded = ImageLoading.load(name);
        for (int i = 0; i < argb.length; i++) {
            int x = i % 512;
            int y = i / 512;
            assertEquals(((argb[i] >> 16) & 0xff) / 255f, loaded.get(0, x, y));
            assertEquals(((argb[i] >> 8) & 0xff) / 255f, loaded.get(1, x, y));
            assertEquals((argb[i] & 0xff) / 255f, loaded.get(2, x, y));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin:landscape", "builtin:brushstrokes", "builtin:mosaic"})
    void imagesAreRichNotFlat(String name) {
        long colours = Arrays.stream(pixels(BuiltinImages.render(name))).distinct().count();
        assertTrue(colours > 5000, name + " has only " + colours + " colours");
    }

    @Test
    void brushstrokesAreBlueWithYellowAccents() {
        int[] argb = pixels(BuiltinImages.render(BuiltinImages.BRUSHSTROKES));
        int blue = 0;
        int yellow = 0;
        for (int p : argb) {
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            if (b > r + 40) {
                blue++;
            }
            if (r > 180 && g > 120 && b < 120) {
                yellow++;
            }
        }
        assertTrue(blue > argb.length / 2, "blue share " + blue / (double) argb.length);
        assertTrue(yellow > argb.length / 50, "yellow share " + yellow / (double) argb.length);
    }

    @Test
    void landscapeHasSkyAboveAndWaterBelow() {
        RgbImage image = ImageLoading.load(BuiltinImages.LANDSCAPE);
        assertTrue(image.get(2, 10, 5) > image.get(0, 10, 5) + 0.2f, "the top of the sky is not blue");
        assertTrue(image.get(2, 300, 370) > image.get(1, 300, 370), "the lake is not bluish");
    }

    @Test
    void theMasksSplitTheLandscapeAtTheShoreAndComplementEachOther() {
        RgbImage lake = ImageLoading.load(BuiltinImages.LAKE_MASK);
        RgbImage land = ImageLoading.load(BuiltinImages.LAND_MASK);
        RgbImage scene = ImageLoading.load(BuiltinImages.LANDSCAPE);
        // where the lake mask is white the landscape is the bluish lake, where it is black the sky
        assertEquals(1f, lake.get(0, 300, 370));
        assertEquals(0f, lake.get(0, 10, 5));
        assertTrue(scene.get(2, 300, 370) > scene.get(1, 300, 370));
        for (int y = 0; y < 384; y += 7) {
            // grey, and the two sum to white exactly (8-bit complements)
            assertEquals(lake.get(0, 100, y), lake.get(2, 100, y));
            assertEquals(255, Math.round(255 * lake.get(0, 100, y)) + Math.round(255 * land.get(0, 100, y)), "row " + y);
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        ImageException e = assertThrows(ImageException.class, () -> BuiltinImages.render("builtin:mona-lisa"));
        assertTrue(e.getMessage().contains("builtin:mona-lisa"), e.getMessage());
        assertTrue(e.getMessage().contains("builtin:landscape") && e.getMessage().contains("builtin:brushstrokes"),
                e.getMessage());
        assertThrows(ImageException.class, () -> ImageLoading.load("builtin:mona-lisa"));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
