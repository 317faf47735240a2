package io.github.neuralstyle4j.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.function.Function;

/**
 * The checks before a file is opened for reading. Opening a FIFO blocks until a writer comes (forever, for a
 * mistyped path), and a device such as {@code /dev/zero} or {@code /dev/urandom} never ends: only regular files are
 * read, and those with a size bound are refused when larger, before a byte is read.
 */
public final class InputFiles {

    /** No size bound (the reader bounds what it decodes, e.g. an image's declared pixels). */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private InputFiles() {
    }

    /**
     * @param what     what the file is for the user, e.g. {@code "image"}, {@code "config"}
     * @param maxBytes the largest size accepted
     * @param error    makes the exception of the caller's kind (and exit code) from a one-line message
     * @throws RuntimeException from {@code error}, "{@code <What> <file> <problem>}", when {@link #problem} finds one
     */
    public static void requireRegularFile(Path file, String what, long maxBytes,
                                          Function<String, ? extends RuntimeException> error) {
        String problem = problem(file, maxBytes);
        if (problem != null) {
            throw error.apply(capitalised(what) + " " + file + " " + problem);
        }
    }

    /**
     * Why {@code file} cannot be read as an input, as a phrase to follow its name ("not found", "is a directory,
     * not a file", "is a FIFO, not a regular file", ...), or null when it can.
     */
    public static String problem(Path file, long maxBytes) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "is a broken link or inaccessible"
                    : "not found";
        }
        if (attributes.isDirectory()) {
            return "is a directory, not a file";
        }
        if (!attributes.isRegularFile()) {
            return "is " + kind(file) + ", not a regular file";
        }
        if (!Files.isReadable(file)) {
            return "is not readable (check permissions)";
        }
        if (attributes.size() > maxBytes) {
            return String.format(Locale.ROOT, "is %,d bytes, more than the limit of %,d", attributes.size(),
                    maxBytes);
        }
        return null;
    }

    /** What a non-regular file is, for the message. */
    static String kind(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & 0170000) {
                    case 0010000 -> "a FIFO";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // fall through to the generic name
        }
        return "a special file";
    }

    private static String capitalised(String what) {
        return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
