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
 * A run's end state that a later run resumes from: the image as the optimiser left it (float32, not the 8-bit PNG)
 * and the optimiser's state. A small binary format of big-endian values (DataOutputStream): magic, version, size,
 * pixels, algorithm, evaluations, named numbers, named float vectors. Written to a sibling and renamed, so a crash
 * never leaves half a checkpoint.
 */
public record Checkpoint(RgbImage image, OptimizerState state) {

    private static final String MAGIC = "neuralstyle4j-checkpoint";
    private static final int VERSION = 1;

    public void write(Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = AtomicFiles.temporarySibling(target);
        try {
            Files.createDirectories(target.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
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
            if (!MAGIC.equals(readMagic(in)) || in.readInt() != VERSION) {
                throw new EngineException(file + " is not a neuralstyle4j checkpoint (version " + VERSION + ")");
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
            return new Checkpoint(image, new OptimizerState(algorithm, evaluations, numbers, vectors));
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
