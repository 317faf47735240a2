package io.github.neuralstyle4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding of the PNG flavours PIL's {@code convert('RGB')} handles, and the error messages. */
class ImageLoadingTest {

    @TempDir
    Path dir;

    @Test
    void greyPngCopiesGreyIntoAllChannelsWithoutGammaConversion() throws IOException {
        BufferedImage grey = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 64, 128, 255});
        Path file = save(grey, "grey.png");

        // getRGB() would turn 128 into 186 (linear grey to sRGB); PIL keeps 128.
        assertLevels(ImageLoading.read(file),
                new int[][] {{0, 0, 0}, {64, 64, 64}, {128, 128, 128}, {255, 255, 255}});
    }

    @Test
    void palettePngLooksColoursUp() throws IOException {
        byte[] r = {(byte) 255, 0, 10, (byte) 200};
        byte[] g = {0, (byte) 255, 20, (byte) 150};
        byte[] b = {0, 0, 30, 100};
        BufferedImage indexed = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 4, r, g, b));
        indexed.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {3, 2, 1, 0});
        Path file = save(indexed, "palette.png");
        assertInstanceOf(IndexColorModel.class, ImageIO.read(file.toFile()).getColorModel(), "not a palette PNG");

        assertLevels(ImageLoading.read(file), new int[][] {{200, 150, 100}, {10, 20, 30}, {0, 255, 0}, {255, 0, 0}});
    }

    @Test
    void sixteenBitGreyIsClippedAsPillowsModeI() throws IOException {
        // Pillow 9.4 opens a 16-bit grey PNG as mode I and convert('RGB') clips it (PilConvertReferenceTest has
        // Pillow's own bytes); this ImageIO-written file checks the same rule on another encoder's output
        BufferedImage grey16 = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 200, 0x12ff, 0xffff});
        Path file = save(grey16, "grey16.png");
        assertEquals(16, ImageIO.read(file.toFile()).getSampleModel().getSampleSize(0), "not a 16-bit PNG");

        assertLevels(ImageLoading.read(file),
                new int[][] {{0, 0, 0}, {200, 200, 200}, {255, 255, 255}, {255, 255, 255}});
    }

    @Test
    void sixteenBitRgbKeepsTheHighByte() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0xabcd, 0x0100, 0xffff});
        raster.setPixel(1, 0, new int[] {0x00ff, 0x7f80, 0x8001});
        Path file = save(new BufferedImage(model, raster, false, null), "rgb16.png");

        assertLevels(ImageLoading.read(file), new int[][] {{0xab, 0x01, 0xff}, {0x00, 0x7f, 0x80}});
    }

    @Test
    void alphaIsDroppedNotComposited() throws IOException {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00_10_20_30); // fully transparent: the colour survives, as in convert('RGB')
        argb.setRGB(1, 0, 0x80_ff_80_00);
        argb.setRGB(2, 0, 0xff_01_02_03);
        Path file = save(argb, "rgba.png");
        assertTrue(ImageIO.read(file.toFile()).getColorModel().hasAlpha(), "not an RGBA PNG");

        assertLevels(ImageLoading.read(file), new int[][] {{0x10, 0x20, 0x30}, {0xff, 0x80, 0x00}, {1, 2, 3}});
    }

    @Test
    void greyWithAlphaUsesTheGreyBand() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true,
                false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {100, 0});
        raster.setPixel(1, 0, new int[] {200, 255});
        Path file = save(new BufferedImage(model, raster, false, null), "grey-alpha.png");

        assertLevels(ImageLoading.read(file), new int[][] {{100, 100, 100}, {200, 200, 200}});
    }

    @Test
    void valuesAreBytesOver255LikeToTensor() throws IOException {
        BufferedImage rgb = new BufferedImage(256, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 256; x++) {
            rgb.setRGB(x, 0, x << 16 | (255 - x) << 8 | (x * 7 % 256));
        }
        RgbImage image = ImageLoading.read(save(rgb, "levels.png"));
        for (int x = 0; x < 256; x++) {
            assertEquals(x / 255f, image.get(0, x, 0)); // bit-identical float32
            assertEquals((255 - x) / 255f, image.get(1, x, 0));
            assertEquals((x * 7 % 256) / 255f, image.get(2, x, 0));
        }
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("no-such-image.png");
        assertMessageNames(file, assertThrows(ImageException.class, () -> ImageLoading.read(file)), "not found");
    }

    @Test
    void directoryIsRefused() {
        assertMessageNames(dir, assertThrows(ImageException.class, () -> ImageLoading.read(dir)), "directory");
    }

    @Test
    void nonImageIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "not an image\n", StandardCharsets.UTF_8);
        assertMessageNames(file, assertThrows(ImageException.class, () -> ImageLoading.read(file)), "Not an image");
    }

    @Test
    void truncatedImageIsRefused() throws IOException {
        Path whole = save(BuiltinImages.render(BuiltinImages.BRUSHSTROKES), "whole.png");
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
        assertMessageNames(file, assertThrows(ImageException.class, () -> ImageLoading.read(file)), "Cannot decode");
    }

    @Test
    void tooManyPixelsAreRefused() throws IOException {
        Path file = save(new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB), "big.png");
        assertEquals(100, ImageLoading.read(file, 5000).width());
        ImageException e = assertThrows(ImageException.class, () -> ImageLoading.read(file, 4999));
        assertMessageNames(file, e, "100x50");
    }

    @Test
    void hugeDeclaredSizeIsRefusedBeforeDecoding() throws IOException {
        // Only a header claiming 200000x100000 pixels: decoding it would need 60 GB, reading the header does not.
        Path file = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(200_000, 100_000));
        ImageException e = assertThrows(ImageException.class, () -> ImageLoading.read(file));
        assertMessageNames(file, e, "more than the limit of 100,000,000 pixels");
    }

    @Test
    void loadAcceptsPathsAndBuiltinNames() throws IOException {
        Path file = save(new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB), "small.png");
        assertEquals(7, ImageLoading.load(file.toString(), 100).width());
        RgbImage landscape = ImageLoading.load(BuiltinImages.LANDSCAPE, ImageLoading.DEFAULT_MAX_PIXELS);
        assertEquals(512, landscape.width());
        assertEquals(384, landscape.height());
        ImageException e = assertThrows(ImageException.class, () -> ImageLoading.load(BuiltinImages.LANDSCAPE, 1000));
        assertTrue(e.getMessage().contains(BuiltinImages.LANDSCAPE), e.getMessage());
    }

    private Path save(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("ImageIO has no PNG writer for " + image);
        }
        return file;
    }

    /** Asserts the levels of a one-row image, pixel by pixel, as {r, g, b}. */
    private static void assertLevels(RgbImage image, int[][] expected) {
        assertEquals(expected.length, image.width());
        assertEquals(1, image.height());
        for (int x = 0; x < expected.length; x++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[x][c], TestImages.level(image, c, x, 0), "channel " + c + " at x=" + x);
            }
        }
    }

    private static void assertMessageNames(Path file, ImageException e, String reason) {
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), "message does not name the file: " + message);
        assertTrue(message.contains(reason), "message does not say '" + reason + "': " + message);
        assertFalse(message.contains("\n"), "message is not one line: " + message);
    }

    /** A PNG signature, an IHDR chunk declaring the given size (8-bit RGB), and IEND: no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(ihdr);
        header.writeInt(width);
        header.writeInt(height);
        header.write(new byte[] {8, 2, 0, 0, 0}); // depth 8, colour type RGB, deflate, no filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
