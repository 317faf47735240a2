package io.github.neuralstyle4j.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Converts between {@link BufferedImage} and {@link Rgb8Image} the way PIL's {@code convert('RGB')} does:
 * raw sample values, no colour management.
 *
 * <p>We read raster samples instead of calling {@link BufferedImage#getRGB}, because {@code getRGB} colour
 * converts: a grey PNG decodes with a linear-grey colour space, and {@code getRGB} would turn grey 128 into
 * 186. PIL (and so the PyTorch tutorial) copies grey values into R, G and B unchanged, ignores alpha,
 * looks palette entries up directly, and keeps the high byte of 16-bit samples, except in a lone 16-bit grey band:
 * Pillow opens that as a 32-bit integer image (mode I, or I;16 from a TIFF) and {@code convert('RGB')} clips it to
 * 0..255, so 256 and 65535 both read as 255 (Pillow 9.4; see {@code tools/reference/pil_convert_reference.py}).
 */
final class RasterConversion {

    private RasterConversion() {}

    /** {@link #toRgb8(BufferedImage, boolean)}, a grey image being a lone grey band when it has no other band. */
    static Rgb8Image toRgb8(BufferedImage image) {
        return toRgb8(image, image.getRaster().getNumBands() == 1);
    }

    /**
     * @param loneGreyBand whether a grey image was stored without alpha (a grey PNG with a tRNS chunk decodes with an
     *                     alpha band, but Pillow reads it as one grey band): its 16-bit samples are clipped, not shifted
     */
    static Rgb8Image toRgb8(BufferedImage image, boolean loneGreyBand) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(image.getRaster(), palette);
        }
        if (model.getColorSpace().getType() == ColorSpace.TYPE_CMYK && model.getNumComponents() == 4
                && image.getRaster().getTransferType() == DataBuffer.TYPE_BYTE) {
            return fromCmyk(image.getRaster());
        }
        if (hasPlainSamples(model, image.getRaster())) {
            return fromSamples(image.getRaster(), model.getNumColorComponents(), loneGreyBand);
        }
        return fromArgb(image);
    }

    /** An opaque 8-bit sRGB image, the form ImageIO's PNG and JPEG writers handle best. */
    static BufferedImage toBufferedImage(Rgb8Image image) {
        int w = image.width;
        int h = image.height;
        int plane = image.planeSize();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = out.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = (image.chw[i] & 0xFF) << 16 | (image.chw[plane + i] & 0xFF) << 8
                        | (image.chw[2 * plane + i] & 0xFF);
            }
            raster.setDataElements(0, y, w, 1, row);
        }
        return out;
    }

    /** Grey or RGB integer samples we can copy directly (alpha, if any, is the last band and is skipped). */
    private static boolean hasPlainSamples(ColorModel model, Raster raster) {
        int type = model.getColorSpace().getType();
        boolean greyOrRgb = (type == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1)
                || (type == ColorSpace.TYPE_RGB && model.getNumColorComponents() == 3);
        int transfer = raster.getTransferType();
        boolean integral = transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT
                || transfer == DataBuffer.TYPE_INT;
        return greyOrRgb && integral && !model.isAlphaPremultiplied();
    }

    private static Rgb8Image fromSamples(Raster raster, int colourBands, boolean loneGreyBand) {
        boolean loneGrey = colourBands == 1 && loneGreyBand;
        int w = raster.getWidth();
        int h = raster.getHeight();
        Rgb8Image out = Rgb8Image.blank(w, h);
        int[] row = new int[w];
        for (int channel = 0; channel < RgbImage.CHANNELS; channel++) {
            int band = colourBands == 1 ? 0 : channel; // grey fills all three channels
            int bits = raster.getSampleModel().getSampleSize(band);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, band, row);
                int offset = (channel * h + y) * w;
                for (int x = 0; x < w; x++) {
                    out.chw[offset + x] = (byte) (loneGrey && bits > 8 ? Math.min(row[x], 255)
                            : to8Bits(row[x], bits));
                }
            }
        }
        return out;
    }

    /**
     * Rescales a sample of the given bit depth to 8 bits. Deeper samples keep their high byte, as PIL does
     * for 16-bit PNGs; shallower ones (1, 2, 4-bit grey, 5/6-bit packed) are stretched to 0..255.
     */
    static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        int max = (1 << bits) - 1;
        return (sample * 255 + max / 2) / max;
    }

    private static Rgb8Image fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        byte[][] entries = new byte[3][size];
        palette.getReds(entries[0]);
        palette.getGreens(entries[1]);
        palette.getBlues(entries[2]);
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        Rgb8Image out = Rgb8Image.blank(w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int index = row[x];
                if (index >= size) {
                    continue; // a corrupt index past the palette reads as black
                }
                int i = y * w + x;
                out.chw[i] = entries[0][index];
                out.chw[plane + i] = entries[1][index];
                out.chw[2 * plane + i] = entries[2][index];
            }
        }
        return out;
    }

    /**
     * PIL's {@code convert('RGB')} of CMYK, with no colour profile: R = (255 − C)(255 − K) / 255, likewise G from M
     * and B from Y. ImageIO's JPEG reader gives C, M, Y, K (it undoes the inversion Adobe files are stored with, as
     * PIL does); Java2D's own conversion ({@code getRGB}) would instead go through a CMYK colour space and differ.
     */
    private static Rgb8Image fromCmyk(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        Rgb8Image out = Rgb8Image.blank(w, h);
        int[] pixel = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, pixel);
                int notK = 255 - pixel[3];
                for (int c = 0; c < 3; c++) {
                    out.chw[c * plane + y * w + x] = (byte) Math.round((255 - pixel[c]) * notK / 255.0);
                }
            }
        }
        return out;
    }

    /** Fallback for exotic colour models (float, premultiplied): let Java2D convert to sRGB. */
    private static Rgb8Image fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        Rgb8Image out = Rgb8Image.blank(w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                out.chw[i] = (byte) (row[x] >> 16);
                out.chw[plane + i] = (byte) (row[x] >> 8);
                out.chw[2 * plane + i] = (byte) row[x];
            }
        }
        return out;
    }
}
