package io.github.neuralstyle4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares {@link Resize} with Pillow 9.4's {@code Image.resize(size, BILINEAR)}, whose outputs
 * tools/reference/pil_resize_reference.py stored as PNG (lossless, so the bytes are PIL's).
 *
 * <p>We require an exact match. A tolerance of one level (1/255) would be defensible, since an
 * implementation with float weights instead of Pillow's 22-bit fixed point can round differently when a sum
 * lands within about 2^-22 of a half level; but {@link PilBilinear} repeats Pillow's arithmetic exactly.
 */
class PilResizeReferenceTest {

    private static final int WIDTH = 37;
    private static final int HEIGHT = 23;

    /** The same closed formula as {@code pixel(x, y)} in pil_resize_reference.py. */
    static RgbImage formulaImage() {
        return TestImages.fromBytes(WIDTH, HEIGHT, (c, x, y) -> switch (c) {
            case 0 -> x * 255 / (WIDTH - 1);
            case 1 -> y * 255 / (HEIGHT - 1);
            default -> (7 * x * x + 13 * y * y + 5 * x * y + 3) % 256;
        });
    }

    @Test
    void javaFormulaMatchesThePythonInput() {
        RgbImage pil = ImageLoading.read(TestImages.resource("pil_input_37x23.png"));
        assertEquals(0, TestImages.maxLevelDifference(formulaImage(), pil));
    }

    @ParameterizedTest(name = "37x23 -> {0}x{1}")
    @CsvSource({"16, 10", "11, 7", "25, 15", "29, 23", "37, 9", "80, 50", "101, 61", "50, 13", "5, 40"})
    void matchesPillowExactly(int width, int height) {
        RgbImage pil = ImageLoading.read(TestImages.resource("pil_bilinear_" + width + "x" + height + ".png"));
        RgbImage ours = Resize.to(formulaImage(), width, height);
        assertEquals(0, TestImages.maxLevelDifference(ours, pil), "max difference in 8-bit levels");
    }

    @Test
    void torchvisionResizeOfTheShorterSideMatchesPillow() {
        RgbImage pil = ImageLoading.read(TestImages.resource("pil_bilinear_16x10.png"));
        assertEquals(0, TestImages.maxLevelDifference(Resize.shorterSideTo(formulaImage(), 10), pil));
    }
}
