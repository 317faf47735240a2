package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.search.SearchTestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code search index|query|remove} end to end on a temporary index, at 64 px. */
class SearchCommandTest {

    /** For more images than a command line holds: one path a line, blank lines ignored, beside IMG arguments. */
    @Test
    void indexReadsAListFile(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("imgs"));
        List<Path> written = SearchTestImages.write(images);
        Path list = Files.writeString(dir.resolve("list.txt"), "\n  " + written.get(0) + "  \n\n" + written.get(1) + "\n");
        String idx = dir.resolve("idx").toString();
        CliTest.Run r = CliTest.run("search", "index", "--index", idx, "--size", "32", "--from", list.toString(),
                "builtin:landscape");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("indexed 3 image(s)"), r.out());

        CliTest.Run none = CliTest.run("search", "index", "--index", idx);
        assertEquals(ExitCodes.USAGE, none.code(), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        // nothing indexable on a first run: exit 4 and no empty index left behind
        Path fresh = dir.resolve("fresh-idx");
        CliTest.Run missing = CliTest.run("search", "index", "--index", fresh.toString(), dir.resolve("no.png").toString());
        assertEquals(ExitCodes.IMAGE, missing.code(), missing.err());
        assertFalse(Files.exists(fresh), "an empty index folder was left");
        CliTest.Run folder = CliTest.run("search", "index", "--index", idx, "--from", dir.toString());
        assertEquals(ExitCodes.IMAGE, folder.code(), folder.err());
        assertTrue(folder.err().contains("directory"), folder.err());
    }

    @Test
    void indexQuerySheetRemoveAndRefusals(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("idx");
        Path images = Files.createDirectories(dir.resolve("imgs"));
        Path pattern = SearchTestImages.write(images).get(1);
        Path broken = dir.resolve("imgs/broken.png");
        Files.writeString(broken, "not a png");
        String idx = index.toString();

        CliTest.Run r = CliTest.run("search", "index", "--index", idx, "--size", "64", "builtin:landscape",
                "builtin:brushstrokes", pattern.toString(), broken.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("indexed 3 image(s)"), r.out());
        assertTrue(r.out().contains("skipped 1"), r.out());
        assertTrue(r.err().contains("4/4 images"), r.err());
        assertTrue(r.err().contains("skipped (unreadable):") && r.err().contains(broken.toString()), r.err());

        Path sheet = dir.resolve("sheet.png");
        CliTest.Run q = CliTest.run("search", "query", "--index", idx, "--top", "3", "--sheet", sheet.toString(),
                "builtin:landscape");
        assertEquals(0, q.code(), q.err());
        List<String> lines = q.out().strip().lines().toList();
        assertEquals(3, lines.size(), q.out());
        String[] first = lines.get(0).split("\t");
        assertEquals("1", first[0]);
        assertEquals(1.0, Double.parseDouble(first[1]), 1e-4);
        assertEquals("builtin:landscape", first[2]);
        assertTrue(Double.parseDouble(lines.get(1).split("\t")[1]) <= Double.parseDouble(first[1]));
        BufferedImage drawn = ImageIO.read(sheet.toFile());
        assertNotNull(drawn);
        assertTrue(drawn.getWidth() > 4 * 128, "query + 3 matches in a row: " + drawn.getWidth());
        // a second query onto the same sheet follows stylize's rule: refused, or replaced with --overwrite
        byte[] before = Files.readAllBytes(sheet);
        CliTest.Run again = CliTest.run("search", "query", "--index", idx, "--top", "1", "--sheet", sheet.toString(),
                "builtin:brushstrokes");
        assertEquals(ExitCodes.IO, again.code(), again.err());
        assertTrue(again.err().contains("pass --overwrite"), again.err());
        assertArrayEquals(before, Files.readAllBytes(sheet));
        CliTest.Run replaced = CliTest.run("search", "query", "--index", idx, "--top", "1", "--sheet",
                sheet.toString(), "--overwrite", "builtin:brushstrokes");
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(ImageIO.read(sheet.toFile()).getWidth() < drawn.getWidth(), "query + 1 match");

        // another layer is refused, with the index's settings in the message
        CliTest.Run other = CliTest.run("search", "query", "--index", idx, "--layer", "relu1_1", "builtin:landscape");
        assertEquals(ExitCodes.CONFIG, other.code());
        assertTrue(other.err().contains("layer relu1_1 instead of pool5"), other.err());
        CliTest.Run otherAdd = CliTest.run("search", "index", "--index", idx, "--descriptor", "style", "--layer",
                "relu1_1", "builtin:landscape");
        assertEquals(ExitCodes.CONFIG, otherAdd.code());

        CliTest.Run rm = CliTest.run("search", "remove", "--index", idx, pattern.toString());
        assertEquals(0, rm.code(), rm.err());
        assertTrue(rm.out().contains("removed 1 image(s)") && rm.out().contains("(2 left)"), rm.out());
        CliTest.Run after = CliTest.run("search", "query", "--index", idx, "--top", "5", pattern.toString());
        assertEquals(0, after.code(), after.err());
        assertEquals(2, after.out().strip().lines().count(), after.out());
        assertFalse(after.out().contains(pattern.toString()), after.out());

        CliTest.Run none = CliTest.run("search", "query", "--index", dir.resolve("nothing").toString(),
                "builtin:landscape");
        assertEquals(ExitCodes.CONFIG, none.code());
    }
}
