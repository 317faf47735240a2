package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.image.AtomicFiles;
import io.github.neuralstyle4j.image.ImageWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks, before any work starts, that a run's outputs can be written: a run of an hour must not fail at its last
 * second because of a typo in a folder name, nor silently replace last night's result.
 */
final class OutputTargets {

    private OutputTargets() {
    }

    /** An image output: a supported extension, plus everything {@link #check} checks. */
    static void checkImage(Path file, boolean overwrite) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (ImageWriter.supportedExtensions().stream().noneMatch(name::endsWith)) {
            throw new OutputException("Cannot write image " + file + ": use one of the extensions "
                    + ImageWriter.supportedExtensions());
        }
        check(file, overwrite);
    }

    /**
     * Refuses an existing file unless {@code overwrite}, creates a missing folder, and proves the folder writable by
     * creating and deleting a file in it (permission bits do not tell: root ignores them, a read-only mount does not).
     */
    static void check(Path file, boolean overwrite) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new OutputException("Cannot write " + file + ": it is a folder");
        }
        if (Files.exists(target) && !overwrite) {
            throw new OutputException(file + " already exists; pass --overwrite to replace it");
        }
        Path folder = target.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new OutputException("Cannot create the output folder " + folder + ": " + reason(e), e);
        }
        Path probe = AtomicFiles.temporarySibling(target);
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new OutputException("Cannot write to the output folder " + folder + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }
}
