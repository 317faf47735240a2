package io.github.neuralstyle4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageWriterTest {

    @TempDir
    Path dir;

    /** Every byte value in every channel, arranged differently per channel. */
    private static RgbImage allLevels() {
        return TestImages.fromBytes(16, 16, (c, x, y) -> switch (c) {
            case 0 -> 16 * y + x;
            case 1 -> 255 - (16 * y + x);
            default -> (16 * x + y) * 7 % 256;
        });
    }

    @Test
    void pngRoundTripIsExact() throws IOException {
        RgbImage image = allLevels();
        Path file = dir.resolve("levels.png");
        ImageWriter.write(image, file);

        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head(Files.readAllBytes(file), 4));
        assertArrayEquals(image.planar(), ImageLoading.read(file).planar());
    }

    @Test
    void valuesAreClampedAndRoundedToNearest() {
        float[] chw = {-0.3f, 1.7f, Float.NaN, 0.5f / 255f, 0.49f / 255f, 0.5f, 254.5f / 255f, 1f, 0f};
        // One column of three pixels: red {-0.3, 1.7, NaN}, green {0.5, 0.49, 127.5} levels, blue {254.5, 255, 0}.
        Path file = dir.resolve("clamped.png");
        ImageWriter.write(RgbImage.of(1, 3, chw), file);
        RgbImage back = ImageLoading.read(file);
        int[] expected = {0, 255, 0, 1, 0, 128, 255, 255, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Math.round(back.planar()[i] * 255f), "sample " + i);
        }
    }

    @Test
    void jpegIsChosenByExtensionAndReadsBackClosely() throws IOException {
        RgbImage smooth = TestImages.fromBytes(64, 48, (c, x, y) -> switch (c) {
            case 0 -> 4 * x;
            case 1 -> 5 * y;
            default -> 128 + (int) (100 * Math.sin(x * 0.1 + y * 0.07));
        });
        for (String name : List.of("photo.jpg", "photo.jpeg", "PHOTO.JPG")) {
            Path file = dir.resolve(name);
            ImageWriter.write(smooth, file);
            assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, head(Files.readAllBytes(file), 3));
            RgbImage back = ImageLoading.read(file);
            // Quality 95 on a smooth image: chroma subsampling costs a few levels here and there, little on average.
            assertTrue(TestImages.maxLevelDifference(smooth, back) <= 16, "JPEG error too large for " + name);
            assertTrue(meanAbsoluteDifference(smooth, back) < 1.5 / 255, "JPEG mean error too large for " + name);
        }
        // Quality 95 stores more than ImageIO's default quality (75) would.
        Path defaultQuality = dir.resolve("default.jpg");
        ImageIO.write(ImageIO.read(dir.resolve("photo.jpg").toFile()), "jpeg", defaultQuality.toFile());
        assertTrue(Files.size(dir.resolve("photo.jpg")) > Files.size(defaultQuality) * 1.2, "quality 95 not applied");
    }

    @Test
    void unknownExtensionIsAnErrorListingTheSupportedOnes() {
        for (String name : List.of("out.bmp", "out", "out.png.txt")) {
            Path file = dir.resolve(name);
            ImageException e = assertThrows(ImageException.class, () -> ImageWriter.write(allLevels(), file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("[.png, .jpg, .jpeg]"), e.getMessage());
            assertFalse(Files.exists(file));
        }
        assertEquals(List.of(".png", ".jpg", ".jpeg"), ImageWriter.supportedExtensions());
    }

    @Test
    void createsParentFoldersAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a/b/out.png");
        ImageWriter.write(allLevels(), file);
        assertTrue(Files.isRegularFile(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("out.png");
        ImageWriter.write(TestImages.fromBytes(3, 2, (c, x, y) -> 10), file);
        RgbImage second = TestImages.fromBytes(5, 4, (c, x, y) -> 200);
        ImageWriter.write(second, file);
        assertArrayEquals(second.planar(), ImageLoading.read(file).planar());
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void failedWriteCleansUpItsTemporaryFile() throws IOException {
        Path blocker = Files.createDirectories(dir.resolve("taken.png").resolve("child"));
        Path file = blocker.getParent(); // a non-empty directory named like an image cannot be replaced
        ImageException e = assertThrows(ImageException.class, () -> ImageWriter.write(allLevels(), file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(List.of(file), list(dir), "a temporary file was left behind");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        double sum = 0;
        for (int i = 0; i < a.planar().length; i++) {
            sum += Math.abs(a.planar()[i] - b.planar()[i]);
        }
        return sum / a.planar().length;
    }

    /** The leading bytes of a file, to check its format's magic number. */
    private static byte[] head(byte[] bytes, int n) {
        return Arrays.copyOf(bytes, n);
    }
}
