package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.engine.EngineException;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.AtomicFiles;
import io.github.neuralstyle4j.image.RgbImage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The finished stages and tiles of a tiled run, kept in a folder so that a run restarted with the same request and
 * plan takes them from there instead of recomputing them. {@code run.txt} holds the fingerprint of the request and
 * plan ({@link TileFingerprint}); a folder holding another run's is refused rather than mixed in. Each stage image
 * and tile is one file (float32 pixels, not 8-bit, and the losses it ended with), written to a sibling and renamed,
 * so an interrupted write never leaves a half tile.
 */
public final class TileStore {

    private static final String MAGIC = "neuralstyle4j-tile";
    private static final String RUN_FILE = "run.txt";

    /** A stored image and the losses it ended with. */
    public record Stored(RgbImage image, Evaluation result, int evaluations) {
    }

    private final Path folder;

    private TileStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Opens (creating when needed) the folder for the run with this fingerprint.
     *
     * @throws ConfigException if the folder holds another run's stages and tiles
     */
    public static TileStore open(Path folder, String fingerprint, String description) {
        Path runFile = folder.resolve(RUN_FILE);
        try {
            Files.createDirectories(folder);
            if (Files.exists(runFile)) {
                String first = Files.readAllLines(runFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                if (!first.equals(fingerprint)) {
                    throw new ConfigException(null, "$.tiles.folder", folder + " holds the tiles of another run"
                            + " (another request or plan); give an empty folder, or the same request and"
                            + " --max-memory as the run that made it");
                }
            } else {
                Path tmp = AtomicFiles.temporarySibling(runFile);
                Files.writeString(tmp, fingerprint + "\n" + description, StandardCharsets.UTF_8);
                Files.move(tmp, runFile, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new EngineException("cannot use the tile folder " + folder + ": " + e.getMessage(), e);
        }
        return new TileStore(folder);
    }

    /** The finished stage {@code stage}, or null. */
    public Stored stage(int stage) {
        return read(stageFile(folder, stage));
    }

    /** The finished tile, or null. */
    public Stored tile(int stage, int tile) {
        return read(tileFile(stage, tile));
    }

    public void saveStage(int stage, Stored s) {
        write(stageFile(folder, stage), s);
    }

    public void saveTile(int stage, int tile, Stored s) {
        write(tileFile(stage, tile), s);
    }

    /** Stage {@code stage} (from 0) as kept in {@code folder}, or null: for checks that read a finished run. */
    public static Stored peek(Path folder, int stage) {
        return read(stageFile(folder, stage));
    }

    private static Path stageFile(Path folder, int stage) {
        return folder.resolve("stage-" + (stage + 1) + ".bin");
    }

    private Path tileFile(int stage, int tile) {
        return folder.resolve("stage-" + (stage + 1) + "-tile-" + (tile + 1) + ".bin");
    }

    private static Stored read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new EngineException(file + " is not a neuralstyle4j tile");
            }
            int width = in.readInt();
            int height = in.readInt();
            int evaluations = in.readInt();
            Evaluation result = new Evaluation(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble());
            float[] pixels = new float[3 * width * height];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = in.readFloat();
            }
            return new Stored(RgbImage.of(width, height, pixels), result, evaluations);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Stored s) {
        Path tmp = AtomicFiles.temporarySibling(file);
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeInt(s.image().width());
                out.writeInt(s.image().height());
                out.writeInt(s.evaluations());
                out.writeInt(s.result().number());
                out.writeDouble(s.result().style());
                out.writeDouble(s.result().content());
                out.writeDouble(s.result().tv());
                for (float v : s.image().planar()) {
                    out.writeFloat(v);
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EngineException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // written and renamed, or the write failed already
            }
        }
    }
}
