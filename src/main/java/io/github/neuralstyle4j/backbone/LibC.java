package io.github.neuralstyle4j.backbone;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The two C library calls the JVM does not offer, through JNA: {@code setenv} (the process's own environment, which
 * native libraries read) and glibc's {@code malloc_trim}. Loaded once, on Linux and macOS; elsewhere, or where JNA
 * cannot load, the calls report that they did nothing. JNA's native stub is unpacked into a private folder that is
 * removed as soon as it is loaded, so nothing is left in {@code java.io.tmpdir}.
 */
public final class LibC {

    private interface Functions extends Library {
        int setenv(String name, String value, int overwrite);

        int malloc_trim(long pad);
    }

    private static Optional<Functions> functions;

    private LibC() {
    }

    /** Sets {@code name} in the process's environment unless it is set; false if that was not possible. */
    public static boolean setenvIfAbsent(String name, String value) {
        return functions().map(f -> f.setenv(name, value, 0) == 0).orElse(false);
    }

    /**
     * Returns the native heap's free pages to the system (glibc {@code malloc_trim(0)}): memory that a finished stage
     * freed stays in the process otherwise, and counts against the next stage's peak. False where there is no glibc.
     */
    public static boolean trimNativeHeap() {
        try {
            return functions().map(f -> f.malloc_trim(0) == 1).orElse(false);
        } catch (UnsatisfiedLinkError notGlibc) { // macOS, musl
            return false;
        }
    }

    private static synchronized Optional<Functions> functions() {
        if (functions == null) {
            functions = load();
        }
        return functions;
    }

    private static Optional<Functions> load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") && !os.contains("mac")) {
            return Optional.empty();
        }
        String previous = System.getProperty("jna.tmpdir");
        Path jnaFolder = null;
        try {
            if (previous == null) {
                jnaFolder = Files.createTempDirectory("neuralstyle4j-jna");
                System.setProperty("jna.tmpdir", jnaFolder.toString());
            }
            return Optional.of(Native.loadLibrary("c", Functions.class));
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty();
        } finally {
            if (jnaFolder != null) {
                deleteTree(jnaFolder);
                System.clearProperty("jna.tmpdir");
            }
        }
    }

    /** Removes {@code folder} and what it holds, as far as it can (a loaded library does not need its file). */
    static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: what cannot be removed stays
        }
    }
}
