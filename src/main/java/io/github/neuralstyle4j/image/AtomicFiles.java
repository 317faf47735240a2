package io.github.neuralstyle4j.image;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Names for write-then-rename. Unlike {@code Files.createTempFile}, which makes owner-only (0600) files, a file
 * created at this name gets the user's umask, so the renamed result has the permissions a user expects.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** A fresh hidden name in the same folder as {@code target} (same file system, so the rename is atomic). */
    public static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }
}
