package io.github.neuralstyle4j.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Checks, before any work starts, that a command's outputs can be written and may be: a run of an hour must not fail
 * at its last second because of a typo in a folder name, nor silently replace last night's result, nor destroy its
 * own input. Files are compared by identity (device and inode, through links), not by how their paths are spelled.
 *
 * <p>Refused (an {@link OutputException}, exit code 7): an output that is the same file as an input, even with
 * {@code --overwrite}; two outputs that are the same file; an existing output that is a folder, a device, a FIFO or
 * a socket; an existing output without {@code --overwrite}; a folder that cannot be created or written.
 */
public final class OutputTargets {

    private record Target(String what, Path file, boolean mayExist) {
    }

    private record Input(String what, Path file, Object key) {
    }

    private final boolean overwrite;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Target> outputs = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    /** @param overwrite whether existing outputs may be replaced ({@code --overwrite}) */
    public OutputTargets(boolean overwrite) {
        this.overwrite = overwrite;
    }

    /**
     * A file the command reads; a missing one, a builtin name ({@code builtin:...}) or null is ignored here (the
     * reader reports it).
     */
    public OutputTargets input(String what, String pathOrName) {
        if (pathOrName == null || pathOrName.startsWith("builtin:")) {
            return this;
        }
        try {
            return input(what, Path.of(pathOrName));
        } catch (InvalidPathException e) {
            return this;
        }
    }

    /** A file the command reads; null (none, e.g. a run without a config file) or a missing one is ignored. */
    public OutputTargets input(String what, Path file) {
        if (file == null) {
            return this;
        }
        Object key = identity(file);
        if (key != null) {
            inputs.add(new Input(what, file, key));
        }
        return this;
    }

    /** An output that must not exist unless overwriting. */
    public OutputTargets output(String what, Path file) {
        outputs.add(new Target(what, Objects.requireNonNull(file, what), false));
        return this;
    }

    /** An output that is replaced by design (a checkpoint): the other checks still hold. */
    public OutputTargets replaced(String what, Path file) {
        outputs.add(new Target(what, Objects.requireNonNull(file, what), true));
        return this;
    }

    /** A folder that files will be written into (snapshots): created now and proven writable. */
    public OutputTargets folder(Path folder) {
        folders.add(folder);
        return this;
    }

    /** @throws OutputException naming the first problem */
    public void check() {
        Map<Object, Target> seen = new LinkedHashMap<>();
        for (Target t : outputs) {
            Path target = t.file().toAbsolutePath();
            checkExisting(t, target);
            Object key = identity(target);
            Object where = key != null ? key : spelledOut(target);
            Target same = seen.putIfAbsent(where, t);
            // a batch's runs share one checkpoint file by design: each replaces the last
            if (same != null && !(same.mayExist() && t.mayExist())) {
                throw new OutputException(same.what() + " and " + t.what() + " are the same file " + t.file()
                        + "; give them different names");
            }
        }
        for (Target t : outputs) {
            probe(t.file().toAbsolutePath().getParent());
        }
        for (Path folder : folders) {
            probe(folder.toAbsolutePath());
        }
    }

    private void checkExisting(Target t, Path target) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (IOException e) {
            return; // absent (or a dangling link, which the write replaces): nothing to protect
        }
        if (attributes.isDirectory()) {
            throw new OutputException("Cannot write " + t.what() + " " + t.file() + ": it is a folder");
        }
        if (!attributes.isRegularFile()) {
            throw new OutputException("Cannot write " + t.what() + " " + t.file() + ": it is "
                    + InputFiles.kind(target) + ", not a regular file; refused even with --overwrite");
        }
        Object key = attributes.fileKey() != null ? attributes.fileKey() : realPath(target);
        for (Input in : inputs) {
            if (key.equals(in.key())) {
                throw new OutputException(t.what() + " " + t.file() + " is the " + in.what() + " " + in.file()
                        + "; refusing to overwrite an input (even with --overwrite)");
            }
        }
        if (!t.mayExist() && !overwrite) {
            throw new OutputException(t.file() + " already exists; pass --overwrite to replace it");
        }
    }

    /**
     * Creates a missing folder and proves it writable by creating and deleting a file in it (permission bits do not
     * tell: root ignores them, a read-only mount does not).
     */
    private static void probe(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new OutputException("Cannot create the output folder " + folder + ": " + reason(e), e);
        }
        Path probe = folder.resolve(".neuralstyle4j-probe-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new OutputException("Cannot write to the output folder " + folder + ": " + reason(e), e);
        }
    }

    /** What makes two existing paths one file: device and inode where the file system has them, else the real path. */
    private static Object identity(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : realPath(file);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static Object realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** A file that does not exist yet: its folder's real path (links and {@code ..} resolved) and its name. */
    private static Path spelledOut(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        try {
            return folder.toRealPath().resolve(absolute.getFileName());
        } catch (IOException e) {
            return absolute;
        }
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }

    /** Whether two paths name the same existing file (for folders, e.g. an output folder that is the input one). */
    public static boolean sameFile(Path a, Path b) {
        Object ka = identity(a);
        return ka != null && ka.equals(identity(b));
    }
}
