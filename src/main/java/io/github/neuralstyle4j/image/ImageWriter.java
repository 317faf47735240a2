package io.github.neuralstyle4j.image;

import io.github.neuralstyle4j.files.Publish;
import io.github.neuralstyle4j.files.TargetTakenException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an {@link RgbImage} as PNG or JPEG, chosen by the file extension.
 *
 * <p>Values are clamped to {@code [0, 1]} and rounded to the nearest 8-bit level. (torchvision's
 * {@code ToPILImage} truncates {@code value * 255} instead, which darkens by half a level on average; we
 * round, so that an image read by {@link ImageLoading} writes back unchanged.) JPEG uses quality 95.
 *
 * <p>The file is written to a temporary file in the same folder and then renamed over the target, so a
 * reader never sees a half-written image and a failed write leaves any previous file intact.
 */
public final class ImageWriter {

    private static final float JPEG_QUALITY = 0.95f;

    /** The supported output formats, each with its ImageIO format name and file extensions. */
    private enum Format {
        PNG("png", "png"),
        JPEG("jpeg", "jpg", "jpeg");

        final String imageIoName;
        final List<String> extensions;

        Format(String imageIoName, String... extensions) {
            this.imageIoName = imageIoName;
            this.extensions = List.of(extensions);
        }

        void configure(ImageWriteParam param) {
            if (this == JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
        }
    }

    private ImageWriter() {}

    /** The extensions {@link #write} accepts, with their dot, lower case: {@code [.png, .jpg, .jpeg]}. */
    public static List<String> supportedExtensions() {
        return Arrays.stream(Format.values())
                .flatMap(format -> format.extensions.stream())
                .map(extension -> "." + extension)
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Writes the image, creating missing parent folders and replacing an existing file atomically.
     *
     * @throws ImageException if the extension is not supported, {@link ImageWriteException} if the file cannot be
     *                        written
     */
    public static void write(RgbImage image, Path file) {
        write(image, file, true);
    }

    /**
     * As {@link #write(RgbImage, Path)}; without {@code replace}, the file must still be absent when the finished
     * image is put in its place (see {@link Publish}): when another program created it meanwhile, the image is kept
     * under a numbered name and the {@link ImageWriteException} says which.
     */
    public static void write(RgbImage image, Path file, boolean replace) {
        Format format = formatOf(file);
        BufferedImage pixels = RasterConversion.toBufferedImage(Rgb8Image.quantise(image));
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = AtomicFiles.temporarySibling(target);
            encode(pixels, format, temporary);
            Publish.move(temporary, target, replace);
            temporary = null;
        } catch (TargetTakenException e) {
            temporary = null;
            throw new ImageWriteException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ImageWriteException("Cannot write image " + file + ": " + e, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (Format format : Format.values()) {
            if (format.extensions.contains(extension)) {
                return format;
            }
        }
        throw new ImageException("Cannot write image " + file + ": unsupported file extension"
                + (dot < 0 ? "" : " '." + extension + "'") + "; use one of " + supportedExtensions());
    }

    private static void encode(BufferedImage pixels, Format format, Path destination) throws IOException {
        Iterator<javax.imageio.ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName);
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO writer for " + format.imageIoName);
        }
        javax.imageio.ImageWriter writer = writers.next();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(destination.toFile())) {
            if (output == null) {
                throw new IOException("cannot open " + destination + " for writing");
            }
            ImageWriteParam param = writer.getDefaultWriteParam();
            format.configure(param);
            writer.setOutput(output);
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // Best effort: the write has already failed and that error is the one worth reporting.
        }
    }
}
