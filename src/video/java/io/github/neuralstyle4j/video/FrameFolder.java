package io.github.neuralstyle4j.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The input frames of a folder (in name order) and the output frames' names ({@code frame_00001.png}, ...). */
public final class FrameFolder {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

    private FrameFolder() {
    }

    /**
     * The folder's image files (png, jpg, jpeg, bmp) sorted by name.
     *
     * @throws VideoException if it is not a folder or holds no frame
     */
    public static List<Path> inputs(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new VideoException("frame folder " + folder + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> frames = files.filter(Files::isRegularFile).filter(FrameFolder::isFrame)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
            if (frames.isEmpty()) {
                throw new VideoException("frame folder " + folder + " holds no frame (" + String.join(", ", EXTENSIONS)
                        + ")");
            }
            return frames;
        } catch (IOException e) {
            throw new VideoException("cannot list frame folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFrame(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The output name of frame {@code index} (from 0): {@code frame_00001.png} for 0. */
    public static String outputName(int index) {
        return String.format(Locale.ROOT, "frame_%05d.png", index + 1);
    }

    /** The outputs of frames 0 .. count−1 in {@code folder}. */
    public static List<Path> outputs(Path folder, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> folder.resolve(outputName(i))).toList();
    }

    /** The index of the first of {@code count} frames without an output in {@code folder} ({@code count} if none). */
    public static int firstMissing(Path folder, int count) {
        for (int i = 0; i < count; i++) {
            if (!Files.exists(folder.resolve(outputName(i)))) {
                return i;
            }
        }
        return count;
    }
}
