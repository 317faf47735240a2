package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.image.AtomicFiles;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.optim.OptimizerState;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's end state that a later run resumes from: the image as the optimiser left it (float32, not the 8-bit PNG),
 * the optimiser's state, and what it was computed from ({@link Origin}), so that a resume with another content image
 * or backbone is refused rather than silently continued. A small binary format of big-endian values
 * (DataOutputStream): magic, version, origin (version 2), size, pixels, algorithm, evaluations, named numbers, named
 * float vectors. Written to a sibling and renamed, so a crash never leaves half a checkpoint. Version 1 files (no
 * origin) are still read.
 *
 * @param origin what the run worked on, or null when unknown (a version 1 file, or not recorded)
 */
public record Checkpoint(RgbImage image, OptimizerState state, Origin origin) {

    private static final String MAGIC = "neuralstyle4j-checkpoint";
    private static final int VERSION = 2;

    /**
     * What a run worked on, as identities that survive a moved file: the content image's SHA-256 (or its builtin
     * name) and the backbone's name with its model's SHA-256.
     */
    public record Origin(String content, String backbone) {
    }

    public Checkpoint(RgbImage image, OptimizerState state) {
        this(image, state, null);
    }

    public Checkpoint withOrigin(Origin newOrigin) {
        return new Checkpoint(image, state, newOrigin);
    }

    public void write(Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = AtomicFiles.temporarySibling(target);
        try {
            Files.createDirectories(target.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(origin == null ? "" : origin.content());
                out.writeUTF(origin == null ? "" : origin.backbone());
                out.writeInt(image.width());
                out.writeInt(image.height());
                writeFloats(out, image.planar());
                out.writeUTF(state.algorithm());
                out.writeInt(state.evaluations());
                out.writeInt(state.numbers().size());
                for (Map.Entry<String, Double> e : state.numbers().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeDouble(e.getValue());
                }
                out.writeInt(state.vectors().size());
                for (Map.Entry<String, float[]> e : state.vectors().entrySet()) {
                    out.writeUTF(e.getKey());
                    writeFloats(out, e.getValue());
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed or succeeded; nothing to add
            }
        }
    }

    /** @throws EngineException if the file is not a checkpoint of this version */
    public static Checkpoint read(Path file) {
        io.github.neuralstyle4j.files.InputFiles.requireRegularFile(file, "checkpoint", Long.MAX_VALUE,
                EngineException::new);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int version = MAGIC.equals(readMagic(in)) ? in.readInt() : -1;
            if (version != 1 && version != VERSION) {
                throw new EngineException(file + " is not a neuralstyle4j checkpoint (version 1 or " + VERSION + ")");
            }
            Origin origin = null;
            if (version >= 2) {
                String content = in.readUTF();
                String backbone = in.readUTF();
                origin = content.isEmpty() && backbone.isEmpty() ? null : new Origin(content, backbone);
            }
            int width = in.readInt();
            int height = in.readInt();
            RgbImage image = RgbImage.of(width, height, readFloats(in));
            String algorithm = in.readUTF();
            int evaluations = in.readInt();
            Map<String, Double> numbers = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                numbers.put(in.readUTF(), in.readDouble());
            }
            Map<String, float[]> vectors = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                vectors.put(in.readUTF(), readFloats(in));
            }
            return new Checkpoint(image, new OptimizerState(algorithm, evaluations, numbers, vectors), origin);
        } catch (IOException e) {
            throw new EngineException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readMagic(DataInputStream in) {
        try {
            return in.readUTF();
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
