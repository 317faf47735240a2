package io.github.neuralstyle4j.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last step of a write-then-rename: a finished temporary file becomes the target. Without replacing, the
 * target must still be absent at that moment, not only when the run started: {@code link(2)} creates the name only
 * if it is free (atomically, unlike a check followed by a rename), so of two runs started together with the same new
 * output, one writes it and the other keeps its result under a free sibling name and says so.
 */
public final class Publish {

    /** Siblings tried before giving up: {@code out-1.png} ... {@code out-99.png}. */
    private static final int SIBLINGS = 99;

    private Publish() {
    }

    /**
     * @param temporary a finished file in the target's folder (see {@code AtomicFiles.temporarySibling})
     * @param replace   replace an existing target (atomically), as {@code --overwrite} asks
     * @throws TargetTakenException when not replacing and the target exists; the temporary file was then moved to
     *                              a free sibling name, which the exception names
     */
    public static void move(Path temporary, Path target, boolean replace) throws IOException {
        if (replace) {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            createNew(temporary, target);
        } catch (FileAlreadyExistsException taken) {
            for (int i = 1; i <= SIBLINGS; i++) {
                Path sibling = numbered(target, i);
                try {
                    createNew(temporary, sibling);
                    throw new TargetTakenException(target, sibling);
                } catch (TargetTakenException e) {
                    throw e;
                } catch (FileAlreadyExistsException next) {
                    // try the next number
                }
            }
            throw taken;
        }
    }

    private static void createNew(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (FAT, some network file systems): a rename that refuses an existing target,
            // which Java checks just before renaming
            Files.move(temporary, target);
            return;
        }
        Files.delete(temporary);
    }

    /** {@code out-3.png} for {@code out.png}. */
    static Path numbered(Path target, int n) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return target.resolveSibling(stem + "-" + n + extension);
    }
}
