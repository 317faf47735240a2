package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.image.ImageException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The images a job reads, on any Hadoop file system: a folder (its image files, not its subfolders), a glob
 * ({@code hdfs:///photos/2024-*}{@code /*.jpg}) or a file; and list files of such paths, one a line. Hidden names
 * ({@code .x}, {@code _x}) are skipped, as Hadoop's own input formats skip them.
 */
public final class InputImages {

    /** The extensions a folder is listed for; a file named explicitly is taken whatever its name. */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private InputImages() {
    }

    /**
     * Every image the specs name, as fully qualified paths, sorted and without duplicates.
     *
     * @throws ImageException if a spec matches nothing
     */
    public static List<String> list(List<String> specs, List<String> listFiles, Configuration conf)
            throws IOException {
        List<String> all = new ArrayList<>(specs);
        for (String listFile : listFiles) {
            all.addAll(readList(listFile, conf));
        }
        TreeSet<String> out = new TreeSet<>();
        for (String spec : all) {
            List<String> found = expand(spec, conf);
            if (found.isEmpty()) {
                throw new ImageException("no images in " + spec + " (image files: " + String.join(", ",
                        new TreeSet<>(EXTENSIONS)) + ")");
            }
            out.addAll(found);
        }
        return List.copyOf(out);
    }

    private static List<String> expand(String spec, Configuration conf) throws IOException {
        Path path = new Path(spec);
        FileSystem fs = path.getFileSystem(conf);
        List<String> out = new ArrayList<>();
        if (isGlob(spec)) {
            FileStatus[] matches = fs.globStatus(path);
            for (FileStatus s : matches == null ? new FileStatus[0] : matches) {
                if (s.isFile() && !hidden(s.getPath())) {
                    out.add(s.getPath().toString());
                }
            }
            return out;
        }
        if (!fs.exists(path)) {
            throw new ImageException("no such file or folder: " + spec);
        }
        FileStatus status = fs.getFileStatus(path);
        if (status.isFile()) {
            out.add(status.getPath().toString());
            return out;
        }
        for (FileStatus s : fs.listStatus(path)) {
            if (s.isFile() && !hidden(s.getPath()) && EXTENSIONS.contains(extension(s.getPath().getName()))) {
                out.add(s.getPath().toString());
            }
        }
        return out;
    }

    private static List<String> readList(String listFile, Configuration conf) throws IOException {
        Path path = new Path(listFile);
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(path.getFileSystem(conf).open(path),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lines.add(trimmed);
                }
            }
        }
        return lines;
    }

    static boolean isGlob(String spec) {
        return spec.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    static boolean hidden(Path p) {
        return p.getName().startsWith(".") || p.getName().startsWith("_");
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
