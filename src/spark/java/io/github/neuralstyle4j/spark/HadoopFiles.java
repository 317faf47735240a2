package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.image.BuiltinImages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.UUID;

/**
 * Files on any Hadoop file system (local, HDFS, S3A) as the jobs need them: a local copy to decode, and an atomic
 * publish of a finished output. Local paths are used in place (no copy, no {@code .crc} side files).
 */
public final class HadoopFiles {

    /** Hidden names (Hadoop's input formats and our listings skip them): unfinished outputs. */
    static final String TEMP_PREFIX = ".";
    static final String TEMP_SUFFIX = ".tmp";

    private HadoopFiles() {
    }

    /** The file system of {@code path}. */
    static FileSystem fs(String path, Configuration conf) {
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code path} is on the local file system (no scheme, or {@code file:}). */
    static boolean isLocal(String path) {
        String scheme = new Path(path).toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    /** The local file of a local path. */
    static java.nio.file.Path localFile(String path) {
        return new File(new Path(path).toUri().getPath()).toPath();
    }

    /** How a path is recorded in tables and indexes: a local file as its absolute path, any other as its URI. */
    static String display(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }

    /**
     * A readable local file with the bytes of {@code path}: the file itself when local, else a temporary copy that
     * {@link Local#close()} deletes.
     */
    static Local localCopy(String path, Configuration conf) throws IOException {
        if (BuiltinImages.isBuiltin(path) || isLocal(path)) {
            return new Local(BuiltinImages.isBuiltin(path) ? null : localFile(path), false, path);
        }
        String name = new Path(path).getName();
        int dot = name.lastIndexOf('.');
        java.nio.file.Path tmp = Files.createTempFile("neuralstyle-spark-", dot > 0 ? name.substring(dot) : ".img");
        try (InputStream in = fs(path, conf).open(new Path(path))) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Local(tmp, true, path);
    }

    /**
     * A local file standing for a path; a builtin name has no file.
     *
     * @param file      the local file, or null for a builtin image
     * @param temporary whether {@link #close()} deletes it
     * @param original  the path as given
     */
    record Local(java.nio.file.Path file, boolean temporary, String original) implements AutoCloseable {
        /** What the image loaders take: the local file, or the builtin name. */
        String loadable() {
            return file == null ? original : file.toString();
        }

        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Whether a finished output exists (outputs appear only complete, see {@link #publish}). */
    static boolean exists(String path, Configuration conf) throws IOException {
        if (isLocal(path)) {
            return Files.isRegularFile(localFile(path));
        }
        FileSystem fs = fs(path, conf);
        return fs.exists(new Path(path));
    }

    /**
     * A local name to write {@code target}'s content to before {@link #publish}: hidden beside it when local (same
     * disk, for the link), else in the temporary folder; it keeps the target's extension, which sets the format.
     */
    static java.nio.file.Path temporaryFor(String target) throws IOException {
        String name = new Path(target).getName();
        String extension = name.substring(Math.max(0, name.lastIndexOf('.')));
        if (isLocal(target)) {
            java.nio.file.Path file = localFile(target).toAbsolutePath();
            Files.createDirectories(file.getParent());
            return file.resolveSibling(TEMP_PREFIX + name + "." + UUID.randomUUID() + TEMP_SUFFIX + extension);
        }
        return Files.createTempFile("neuralstyle-spark-", extension);
    }

    /**
     * Makes the finished local file {@code tmp} the output {@code target}, atomically: the name appears only with its
     * whole content, so a killed job leaves either no file or a complete one. An existing target is kept (another
     * attempt of the same task finished first) and {@code tmp} is discarded.
     *
     * @return false when the target already existed
     */
    static boolean publish(java.nio.file.Path tmp, String target, Configuration conf) throws IOException {
        try {
            if (isLocal(target)) {
                try {
                    // link(2) creates the name only if it is free, with the complete file behind it
                    Files.createLink(localFile(target), tmp);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, localFile(target));
                    return true;
                }
            }
            Path dst = new Path(target);
            FileSystem fs = fs(target, conf);
            Path remoteTmp = new Path(dst.getParent(), TEMP_PREFIX + dst.getName() + "." + UUID.randomUUID()
                    + TEMP_SUFFIX);
            fs.copyFromLocalFile(false, true, new Path(tmp.toUri()), remoteTmp);
            // HDFS renames atomically and refuses an existing target; object stores copy, still never half a file
            if (!fs.rename(remoteTmp, dst)) {
                fs.delete(remoteTmp, false);
                return false;
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes the unfinished outputs a killed run left in {@code dir} (one job per output folder at a time). */
    static int removeStaleTemporaries(String dir, Configuration conf) throws IOException {
        FileSystem fs = fs(dir, conf);
        Path folder = new Path(dir);
        if (!fs.exists(folder)) {
            return 0;
        }
        int removed = 0;
        for (FileStatus s : fs.listStatus(folder)) {
            String name = s.getPath().getName();
            if (s.isFile() && name.startsWith(TEMP_PREFIX) && name.contains(TEMP_SUFFIX)) {
                removed += fs.delete(s.getPath(), false) ? 1 : 0;
            }
        }
        return removed;
    }
}
