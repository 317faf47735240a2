package io.github.neuralstyle4j.image;

import io.github.neuralstyle4j.files.InputFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Loads images from files (PNG, JPEG and anything else ImageIO decodes) or from {@link BuiltinImages},
 * as PIL's {@code Image.open(path).convert('RGB')} followed by torchvision's {@code ToTensor} would:
 * 8-bit RGB, alpha ignored, each byte divided by 255.
 *
 * <p>Like PIL, this applies no colour profile. Unlike a bare {@code Image.open}, a JPEG's EXIF orientation is
 * applied (as {@code ImageOps.exif_transpose} does), so portrait photos arrive upright; CMYK JPEGs are converted as
 * PIL does (see {@link RasterConversion}); a truncated file is an error, as in PIL.
 */
public final class ImageLoading {

    /** The default limit on decoded pixels: 100 megapixels, about 1.2 GB as float RGB. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /**
     * Built-in images by name, drawn once per JVM: drawing takes 0.2–2 s, and tests, batch runs and example configs
     * load the same few many times. The bytes are never modified after drawing.
     */
    private static final Map<String, Rgb8Image> BUILTINS = new ConcurrentHashMap<>();

    private ImageLoading() {}

    /** {@link #load(String, long)} with {@link #DEFAULT_MAX_PIXELS}. */
    public static RgbImage load(String pathOrBuiltin) {
        return load(pathOrBuiltin, DEFAULT_MAX_PIXELS);
    }

    /**
     * Loads a file path or a builtin name such as {@code builtin:landscape} at its native resolution.
     *
     * @param maxPixels images whose declared width·height exceeds this are refused before decoding
     * @throws ImageException if the image is missing, unreadable, not an image or too large
     */
    public static RgbImage load(String pathOrBuiltin, long maxPixels) {
        return load8(pathOrBuiltin, maxPixels).toRgbImage();
    }

    /** {@link #read(Path, long)} with {@link #DEFAULT_MAX_PIXELS}. */
    public static RgbImage read(Path file) {
        return read(file, DEFAULT_MAX_PIXELS);
    }

    /**
     * Reads an image file at its native resolution.
     *
     * @param maxPixels images whose header declares more pixels than this are refused before decoding
     * @throws ImageException if the file is missing, a directory, unreadable, not an image or too large
     */
    public static RgbImage read(Path file, long maxPixels) {
        return read8(file, maxPixels).toRgbImage();
    }

    /**
     * The size of an image from its header alone (a builtin is drawn), with the checks of {@link #load}: cheap
     * enough to size a run before anything is decoded.
     */
    public static Resize.Size dimensions(String pathOrBuiltin, long maxPixels) {
        if (pathOrBuiltin != null && BuiltinImages.isBuiltin(pathOrBuiltin)) {
            BufferedImage image = BuiltinImages.render(pathOrBuiltin);
            return new Resize.Size(image.getWidth(), image.getHeight());
        }
        Path file;
        try {
            file = Path.of(pathOrBuiltin == null ? "" : pathOrBuiltin);
        } catch (InvalidPathException e) {
            throw new ImageException("Invalid image path '" + pathOrBuiltin + "': " + e.getReason(), e);
        }
        checkIsReadableFile(file);
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new ImageException("Not an image in a supported format (PNG, JPEG, BMP, GIF, ...): " + file);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkPixelLimit(file.toString(), width, height, maxPixels);
                return new Resize.Size(width, height);
            } finally {
                reader.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageException("Cannot decode image " + file + ": " + oneLine(e), e);
        }
    }

    static Rgb8Image load8(String pathOrBuiltin, long maxPixels) {
        if (pathOrBuiltin == null || pathOrBuiltin.isBlank()) {
            throw new ImageException("No image given: expected a file path or one of " + BuiltinImages.names());
        }
        if (BuiltinImages.isBuiltin(pathOrBuiltin)) {
            Rgb8Image image = BUILTINS.computeIfAbsent(pathOrBuiltin,
                    name -> RasterConversion.toRgb8(BuiltinImages.render(name)));
            checkPixelLimit(pathOrBuiltin, image.width, image.height, maxPixels);
            return image;
        }
        Path file;
        try {
            file = Path.of(pathOrBuiltin);
        } catch (InvalidPathException e) {
            throw new ImageException("Invalid image path '" + pathOrBuiltin + "': " + e.getReason(), e);
        }
        return read8(file, maxPixels);
    }

    static Rgb8Image read8(Path file, long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        checkIsReadableFile(file);
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                throw new ImageException("Cannot open image file " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageException("Not an image in a supported format (PNG, JPEG, BMP, GIF, ...): " + file);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                // The header alone gives the size, so a huge image is refused before any pixel is decoded.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageException("Image " + file + " is empty (" + width + "x" + height + ")");
                }
                checkPixelLimit(file.toString(), width, height, maxPixels);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                Rgb8Image image = decode(reader);
                // ImageIO fills a truncated JPEG's missing rows with grey and only warns; PIL refuses the file
                if (warnings.stream().map(w -> w.toLowerCase(Locale.ROOT))
                        .anyMatch(w -> w.contains("premature end") || w.contains("truncated"))) {
                    throw new ImageException("Cannot decode image " + file + ": the file is truncated");
                }
                boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
                return jpeg ? ExifOrientation.apply(image, ExifOrientation.ofJpeg(head(file))) : image;
            } finally {
                reader.dispose();
            }
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders throw IIOException for bad data, but also unchecked exceptions for some corrupt files.
            throw new ImageException("Cannot decode image " + file + ": " + oneLine(e), e);
        }
    }

    private static Rgb8Image decode(ImageReader reader) throws IOException {
        BufferedImage image = reader.read(0);
        return RasterConversion.toRgb8(image, image.getRaster().getNumBands() == 1 || isPngGreyWithoutAlpha(reader));
    }

    /**
     * A PNG of colour type 0 (grey, no alpha channel): ImageIO turns its tRNS chunk into an alpha band, but Pillow
     * opens it as one grey band (mode I when 16-bit), which {@link RasterConversion} must know.
     */
    private static boolean isPngGreyWithoutAlpha(ImageReader reader) throws IOException {
        if (!"png".equalsIgnoreCase(reader.getFormatName())) {
            return false;
        }
        IIOMetadata metadata = reader.getImageMetadata(0);
        String format = "javax_imageio_png_1.0";
        if (metadata == null || !Arrays.asList(metadata.getMetadataFormatNames()).contains(format)) {
            return false;
        }
        Node child = metadata.getAsTree(format).getFirstChild();
        for (; child != null; child = child.getNextSibling()) {
            if ("IHDR".equals(child.getNodeName()) && child instanceof Element header) {
                return "Grayscale".equals(header.getAttribute("colorType"));
            }
        }
        return false;
    }

    /** Where a JPEG's Exif segment lives: APP1 comes right after the start marker and is at most 64 KB. */
    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(70_000);
        }
    }

    /** A FIFO would block in open() forever and a device never ends: only regular files are read. */
    private static void checkIsReadableFile(Path file) {
        InputFiles.requireRegularFile(file, "image", InputFiles.UNBOUNDED, ImageException::new);
    }

    private static void checkPixelLimit(String name, int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageException(String.format(Locale.ROOT,
                    "Image %s is %dx%d = %,d pixels, more than the limit of %,d pixels", name, width, height,
                    pixels, maxPixels));
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
