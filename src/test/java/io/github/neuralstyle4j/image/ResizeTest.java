package io.github.neuralstyle4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Size rule of torchvision's {@code Resize(int)} and closed-form properties of the bilinear filter. */
class ResizeTest {

    /** Expected values from Python: {@code int(size * long / short)} on the longer side. */
    @ParameterizedTest(name = "{0}x{1} at {2} -> {3}x{4}")
    @CsvSource({
        "640, 480, 128, 170, 128", // 170.67 truncates; rounding would give 171
        "480, 640, 128, 128, 170",
        "512, 384, 128, 170, 128",
        "37, 23, 10, 16, 10",
        "300, 300, 128, 128, 128",
        "1000, 333, 100, 300, 100",
        "333, 1000, 100, 100, 300",
        "1920, 1080, 512, 910, 512",
        "3, 7, 5, 5, 11",
        "100, 50, 200, 400, 200",
        "4032, 3024, 512, 682, 512",
    })
    void shorterSideBecomesSizeAndLongerSideTruncates(int w, int h, int size, int expectedW, int expectedH) {
        assertEquals(new Resize.Size(expectedW, expectedH), Resize.outputSize(w, h, size));
    }

    @Test
    void shorterSideToProducesTheTorchvisionSize() {
        RgbImage image = TestImages.fromBytes(64, 48, (c, x, y) -> 100);
        RgbImage resized = Resize.shorterSideTo(image, 20);
        assertEquals(26, resized.width()); // int(20 * 64 / 48) = int(26.67)
        assertEquals(20, resized.height());
    }

    @Test
    void constantImageStaysConstant() {
        RgbImage image = TestImages.fromBytes(37, 23, (c, x, y) -> new int[] {200, 37, 0}[c]);
        int[][] sizes = {{16, 10}, {5, 3}, {1, 1}, {80, 50}, {37, 101}, {3, 23}};
        for (int[] size : sizes) {
            RgbImage resized = Resize.to(image, size[0], size[1]);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertEquals(200, TestImages.level(resized, 0, x, y), "red at " + x + "," + y);
                    assertEquals(37, TestImages.level(resized, 1, x, y), "green at " + x + "," + y);
                    assertEquals(0, TestImages.level(resized, 2, x, y), "blue at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void upscaledHorizontalRampStaysMonotoneAndInRange() {
        RgbImage ramp = TestImages.fromBytes(20, 4, (c, x, y) -> 13 * x);
        RgbImage resized = Resize.to(ramp, 67, 9);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 9; y++) {
                for (int x = 0; x < 67; x++) {
                    int level = TestImages.level(resized, c, x, y);
                    assertEquals(TestImages.level(resized, c, x, 0), level, "rows must be identical");
                    assertTrue(level >= 0 && level <= 13 * 19, "out of the input range: " + level);
                    if (x > 0) {
                        assertTrue(level >= TestImages.level(resized, c, x - 1, y), "not monotone at x=" + x);
                    }
                }
            }
        }
        assertEquals(0, TestImages.level(resized, 0, 0, 0));
        assertEquals(13 * 19, TestImages.level(resized, 0, 66, 0));
        // A real interpolation, not nearest neighbour: more distinct levels than the 20 input levels.
        long distinct = java.util.stream.IntStream.range(0, 67)
                .map(x -> TestImages.level(resized, 0, x, 0)).distinct().count();
        assertTrue(distinct > 40, "only " + distinct + " distinct levels");
    }

    @Test
    void downscaleAveragesAStripePattern() {
        // Antialiasing: 1-pixel black and white columns halved in width must come out mid-grey,
        // where a point-sampling "bilinear" would alias to black or white.
        RgbImage stripes = TestImages.fromBytes(40, 2, (c, x, y) -> x % 2 == 0 ? 0 : 255);
        RgbImage resized = Resize.to(stripes, 20, 2);
        for (int x = 1; x < 19; x++) {
            assertEquals(128, TestImages.level(resized, 0, x, 0), 1, "column " + x);
        }
    }

    @Test
    void sameSizeReturnsTheImageItself() {
        RgbImage image = TestImages.fromBytes(5, 4, (c, x, y) -> x + y);
        assertSame(image, Resize.to(image, 5, 4));
        assertSame(image, Resize.shorterSideTo(image, 4));
    }

    @Test
    void nonByteValuesAreRoundedToBytesFirst() {
        RgbImage image = TestImages.fromBytes(4, 4, (c, x, y) -> 0);
        float[] values = image.planar().clone();
        java.util.Arrays.fill(values, 0.5f); // 127.5 -> 128, as ImageWriter would round it
        RgbImage resized = Resize.to(RgbImage.of(4, 4, values), 2, 2);
        assertEquals(128 / 255f, resized.get(1, 1, 1));
    }

    @Test
    void rejectsNonPositiveSizes() {
        RgbImage image = TestImages.fromBytes(4, 4, (c, x, y) -> 0);
        assertThrows(IllegalArgumentException.class, () -> Resize.to(image, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Resize.shorterSideTo(image, 0));
        assertThrows(IllegalArgumentException.class, () -> Resize.outputSize(-1, 4, 8));
    }
}
