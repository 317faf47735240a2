package io.github.neuralstyle4j.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The EXIF orientation tag (0x0112) of a JPEG, and the transform that makes the picture upright, as PIL's
 * {@code ImageOps.exif_transpose} applies it. Cameras store the sensor's pixels as they came and record how the
 * camera was held; without this, portrait photos arrive lying on their side.
 */
final class ExifOrientation {

    /** Upright: nothing to do. */
    static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation (1–8) declared in a JPEG's APP1 Exif segment, or {@link #NORMAL} if absent or malformed. */
    static int ofJpeg(byte[] jpeg) {
        try {
            return find(ByteBuffer.wrap(jpeg));
        } catch (RuntimeException malformed) {
            return NORMAL; // an unreadable Exif block must not make a decodable picture unreadable
        }
    }

    private static int find(ByteBuffer in) {
        if (in.remaining() < 4 || (in.getShort() & 0xFFFF) != 0xFFD8) {
            return NORMAL;
        }
        while (in.remaining() >= 4) {
            int marker = in.getShort() & 0xFFFF;
            if (marker == 0xFFDA || (marker & 0xFF00) != 0xFF00) {
                return NORMAL; // start of scan: metadata segments come before it
            }
            int length = in.getShort() & 0xFFFF;
            int start = in.position();
            if (marker == 0xFFE1 && length >= 8 && in.getInt(start) == 0x45786966 && in.getShort(start + 4) == 0) {
                return fromTiff(in.slice(start + 6, length - 8));
            }
            in.position(start + length - 2);
        }
        return NORMAL;
    }

    /** IFD0 of the TIFF structure inside the Exif segment: entries of 12 bytes, tag, type, count, value. */
    private static int fromTiff(ByteBuffer tiff) {
        short byteOrder = tiff.getShort(0);
        tiff.order(byteOrder == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff.getInt(4);
        int entries = tiff.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if ((tiff.getShort(entry) & 0xFFFF) == ORIENTATION_TAG && tiff.getShort(entry + 2) == TYPE_SHORT) {
                int value = tiff.getShort(entry + 8) & 0xFFFF;
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /** The upright image for an image stored with {@code orientation}. */
    static Rgb8Image apply(Rgb8Image image, int orientation) {
        if (orientation == NORMAL) {
            return image;
        }
        int w = image.width;
        int h = image.height;
        boolean swaps = orientation >= 5; // 5–8 turn by a quarter: width and height trade places
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        Rgb8Image out = Rgb8Image.blank(outW, outH);
        for (int c = 0; c < RgbImage.CHANNELS; c++) {
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    // (sx, sy): the stored pixel that lands at (x, y) of the upright image
                    int sx;
                    int sy;
                    switch (orientation) {
                        case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored
                        case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // upside down
                        case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored vertically
                        case 5 -> { sx = y; sy = x; }                  // transposed
                        case 6 -> { sx = y; sy = h - 1 - x; }          // stored turned 90° anticlockwise
                        case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transverse
                        case 8 -> { sx = w - 1 - y; sy = x; }          // stored turned 90° clockwise
                        default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
                    }
                    out.chw[(c * outH + y) * outW + x] = image.chw[(c * h + sy) * w + sx];
                }
            }
        }
        return out;
    }
}
