package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.image.ImageException;
import io.github.neuralstyle4j.files.InputFiles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A list of paths in a text file, one a line (blank lines and surrounding spaces ignored): {@code --from FILE}. */
final class ListFile {

    /** More lines than any folder of images holds: a list this long is a mistake (or {@code /dev/zero}). */
    static final long MAX_BYTES = 64L << 20;

    private ListFile() {
    }

    static List<String> read(Path file) {
        InputFiles.requireRegularFile(file, "list file", MAX_BYTES, ImageException::new);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (CharacterCodingException e) {
            throw new ImageException("list file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ImageException("cannot read the list file " + file + ": " + e.getMessage(), e);
        }
    }
}
