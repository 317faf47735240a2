package io.github.neuralstyle4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an executor finds the backbone folder: a path every executor can read (local mode, a shared mount), a
 * folder shipped with the job ({@code SparkContext.addFile}, read back with {@link SparkFiles}), or a folder on a
 * Hadoop file system (HDFS, S3A) copied to the executor's local disk once per JVM.
 *
 * @param kind     how it is found
 * @param location the path (LOCAL, REMOTE) or the shipped folder's name (SHIPPED)
 */
public record BackboneSource(Kind kind, String location) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Remote folders already copied in this JVM, by URI. */
    private static final Map<String, String> COPIED = new ConcurrentHashMap<>();

    /** How the executors reach the folder. */
    public enum Kind {
        /** A local path, the same on every executor. */
        LOCAL,
        /** Shipped with the job by name. */
        SHIPPED,
        /** A Hadoop URI, copied to local disk. */
        REMOTE
    }

    /** The local folder on this executor (a remote one is copied on first use). */
    String localFolder(Configuration conf) {
        return switch (kind) {
            case LOCAL -> location;
            case SHIPPED -> SparkFiles.get(location);
            case REMOTE -> COPIED.computeIfAbsent(location, uri -> copy(uri, conf));
        };
    }

    private static String copy(String uri, Configuration conf) {
        try {
            java.nio.file.Path dir = Files.createTempDirectory("neuralstyle-backbone-");
            Path src = new Path(uri);
            FileSystem fs = src.getFileSystem(conf);
            java.nio.file.Path target = dir.resolve(src.getName());
            // the raw local file system: no .crc files beside the model
            fs.copyToLocalFile(false, src, new Path(target.toUri()), true);
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the backbone " + uri + " to this executor: " + e.getMessage(),
                    e);
        }
    }
}
