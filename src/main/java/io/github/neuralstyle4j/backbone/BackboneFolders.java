package io.github.neuralstyle4j.backbone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;

/** Writes backbone folders: the one place that knows the folder's files and how to put them in place safely. */
public final class BackboneFolders {

    public static final String MODEL = "features.onnx";

    private BackboneFolders() {
    }

    /**
     * Writes {@code features.onnx} and {@code backbone.json} into a hidden sibling, then renames it into place, so an
     * interrupted write never leaves a half-written backbone. Not {@code createTempDirectory}: that makes an
     * owner-only folder. If another process finished the same folder first, its copy is kept and ours dropped.
     */
    public static Path write(Path directory, byte[] model, BackboneManifest manifest) {
        try {
            Path parent = directory.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createDirectory(parent.resolve("." + directory.getFileName() + "." + UUID.randomUUID()));
            try {
                Files.write(tmp.resolve(MODEL), model);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(tmp.resolve(Backbone.MANIFEST).toFile(), manifest);
                Files.move(tmp, directory, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                deleteTree(tmp);
                // Linux reports a non-empty target as a plain FileSystemException, not DirectoryNotEmptyException
                if (!Files.isRegularFile(directory.resolve(Backbone.MANIFEST))) {
                    throw e;
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backbone to " + directory + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of a file's bytes, in lower-case hex (as {@code sha256sum} prints it). */
    public static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
