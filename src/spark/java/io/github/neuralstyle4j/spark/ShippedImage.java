package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.backbone.BackboneFolders;
import io.github.neuralstyle4j.image.BuiltinImages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small image every task needs (a style image), read once on the driver from any file system and sent with the
 * tasks, so that executors need no access to where it came from; each executor JVM writes it to local disk once.
 *
 * @param name  the path as given (or a builtin name, sent as it is)
 * @param bytes the file's bytes, or null for a builtin
 */
public record ShippedImage(String name, byte[] bytes) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The most a shipped image may have: it travels with every task. */
    static final long MAX_BYTES = 64L << 20;

    private static final Map<String, String> LOCAL = new ConcurrentHashMap<>();

    /** Reads {@code path} (a builtin name is kept as it is). */
    static ShippedImage read(String path, Configuration conf) {
        if (BuiltinImages.isBuiltin(path)) {
            return new ShippedImage(path, null);
        }
        Path p = new Path(path);
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("larger than " + (MAX_BYTES >> 20) + " MB");
            }
            return new ShippedImage(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the style image " + path + ": " + e.getMessage(), e);
        }
    }

    /** What the image loaders take on this executor: a local copy (made once per JVM) or the builtin name. */
    String loadable() {
        if (bytes == null) {
            return name;
        }
        return LOCAL.computeIfAbsent(BackboneFolders.sha256(bytes), sha -> {
            try {
                String fileName = new Path(name).getName();
                java.nio.file.Path file = Files.createTempDirectory("neuralstyle-style-").resolve(fileName);
                Files.write(file, bytes);
                file.toFile().deleteOnExit();
                file.getParent().toFile().deleteOnExit();
                return file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the style image " + name + " to local disk: "
                        + e.getMessage(), e);
            }
        });
    }
}
