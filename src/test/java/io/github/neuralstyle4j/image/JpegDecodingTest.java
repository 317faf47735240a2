package io.github.neuralstyle4j.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JPEG cases ImageIO does not handle as PIL does (CMYK, EXIF orientation, truncation) and empty images. Every test
 * image is made here. Colours sit in uniform, 8×8-aligned blocks, where a quality-1.0 JPEG reproduces a flat colour
 * to within rounding: the ±3-level tolerance covers the colour transform's rounding both ways plus chroma subsampling.
 */
class JpegDecodingTest {

    private static final int TOLERANCE = 3;
    private static final int[] RED = {220, 30, 40};
    private static final int[] BLUE = {20, 40, 200};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            // stored: 16×8, red block on the left, blue on the right. Upright size, then where red and blue end up
            "1, 16, 8, 4, 4, 12, 4",
            "2, 16, 8, 12, 4, 4, 4",   // mirrored: red on the right
            "3, 16, 8, 12, 4, 4, 4",   // turned 180°: red on the right
            "6, 8, 16, 4, 4, 4, 12",   // turn 90° clockwise: the left edge becomes the top
            "8, 8, 16, 4, 12, 4, 4",   // turn 90° anticlockwise: the left edge becomes the bottom
    })
    void exifOrientationIsApplied(int orientation, int width, int height, int redX, int redY, int blueX, int blueY)
            throws IOException {
        BufferedImage stored = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        fill(stored, 0, 8, RED);
        fill(stored, 8, 16, BLUE);
        byte[] jpeg = withExifOrientation(jpeg(stored), orientation);
        RgbImage image = ImageLoading.read(Files.write(dir.resolve("photo.jpg"), jpeg));
        assertEquals(width, image.width());
        assertEquals(height, image.height());
        assertColour(image, redX, redY, RED);
        assertColour(image, blueX, blueY, BLUE);
    }

    @Test
    void anExifBlockWithoutOrientationLeavesTheImageAsStored() throws IOException {
        BufferedImage stored = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        fill(stored, 0, 8, RED);
        fill(stored, 8, 16, BLUE);
        byte[] jpeg = withExifOrientation(jpeg(stored), 0); // 0 is no valid orientation: ignored
        RgbImage image = ImageLoading.read(Files.write(dir.resolve("photo.jpg"), jpeg));
        assertEquals(16, image.width());
        assertColour(image, 4, 4, RED);
    }

    @Test
    void cmykJpegIsConvertedAsPilDoes() throws IOException {
        // two 8×8 blocks of stored (Adobe: inverted) CMYK samples; ImageIO writes a four-band raster as is
        int[][] stored = {{40, 200, 120, 230}, {250, 10, 90, 180}};
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, stored[x / 8]);
            }
        }
        // ImageIO writes the four bands untransformed and without the Adobe APP14 marker that photo editors add
        byte[] jpeg = withAdobeCmykMarker(jpeg(new IIOImage(raster, null, null)));
        Path file = Files.write(dir.resolve("cmyk.jpg"), jpeg);
        int javaRed = ImageIO.read(file.toFile()).getRGB(4, 4) >> 16 & 0xFF;

        RgbImage image = ImageLoading.read(file);
        // PIL: with an Adobe marker the samples are stored inverted (s = 255 − C), and convert('RGB') computes
        // (255 − C)(255 − K) / 255 = s_c · s_k / 255
        for (int block = 0; block < 2; block++) {
            int[] s = stored[block];
            int[] expected = new int[3];
            for (int c = 0; c < 3; c++) {
                expected[c] = (int) Math.round(s[c] * s[3] / 255.0);
            }
            assertColour(image, block * 8 + 4, 4, expected);
        }
        // Java2D's own CMYK conversion is another formula: the test would not notice a fallback to it otherwise
        assertTrue(Math.abs(javaRed - TestImages.level(image, 0, 4, 4)) > 20, "getRGB gives " + javaRed);
    }

    @Test
    void truncatedJpegIsRefusedAsPilDoes() throws IOException {
        byte[] whole = jpeg(RasterConversion.toBufferedImage(
                RasterConversion.toRgb8(BuiltinImages.render(BuiltinImages.BRUSHSTROKES))));
        Path file = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(whole, whole.length / 2));
        ImageException e = assertThrows(ImageException.class, () -> ImageLoading.read(file));
        assertOneLineNaming(file, e, "truncated");
    }

    @Test
    void corruptJpegIsRefused() throws IOException {
        byte[] jpeg = jpeg(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
        // overwrite everything after the first marker segment: a JPEG start, then noise
        byte[] corrupt = Arrays.copyOf(jpeg, jpeg.length);
        for (int i = 20; i < corrupt.length; i++) {
            corrupt[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("corrupt.jpg"), corrupt);
        ImageException e = assertThrows(ImageException.class, () -> ImageLoading.read(file));
        assertOneLineNaming(file, e, "Cannot decode");
    }

    @Test
    void zeroByZeroImageIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("empty.png"), ImageLoadingTest.pngHeaderOnly(0, 0));
        ImageException e = assertThrows(ImageException.class, () -> ImageLoading.read(file));
        assertOneLineNaming(file, e, "");
    }

    private static void assertOneLineNaming(Path file, ImageException e, String reason) {
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertColour(RgbImage image, int x, int y, int[] rgb) {
        for (int c = 0; c < 3; c++) {
            int level = TestImages.level(image, c, x, y);
            assertTrue(Math.abs(level - rgb[c]) <= TOLERANCE,
                    "channel " + c + " at (" + x + "," + y + "): " + level + ", expected " + rgb[c]);
        }
    }

    private static void fill(BufferedImage image, int fromX, int toX, int[] rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                image.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        return jpeg(new IIOImage(image, null, null));
    }

    /** Quality 1 JPEG of an image or a raw raster (which ImageIO writes band for band). */
    private static byte[] jpeg(IIOImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            writer.setOutput(out);
            writer.write(null, image, param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts an Adobe APP14 segment with transform 0 (CMYK, no colour transform) after the start marker. */
    private static byte[] withAdobeCmykMarker(byte[] jpeg) {
        ByteBuffer app14 = ByteBuffer.allocate(2 + 2 + 5 + 2 + 2 + 2 + 1).order(ByteOrder.BIG_ENDIAN);
        app14.putShort((short) 0xFFEE).putShort((short) 14).put("Adobe".getBytes(StandardCharsets.US_ASCII));
        app14.putShort((short) 100).putShort((short) 0).putShort((short) 0).put((byte) 0);
        return insertAfterStart(jpeg, app14.array());
    }

    private static byte[] insertAfterStart(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /**
     * Inserts an APP1 Exif segment right after the start marker: "Exif\0\0", a big-endian TIFF header and IFD0 with
     * one entry, tag 0x0112 (orientation), type SHORT, count 1, the value in the entry's first two value bytes.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] body = tiff.array();
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + body.length).order(ByteOrder.BIG_ENDIAN);
        app1.putShort((short) 0xFFE1).putShort((short) (2 + 6 + body.length));
        app1.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(body);
        return insertAfterStart(jpeg, app1.array());
    }
}
