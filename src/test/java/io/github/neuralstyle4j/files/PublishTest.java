package io.github.neuralstyle4j.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Create-new at write time: a target created by someone else during the run is kept, and so is the result. */
class PublishTest {

    @Test
    void aNewTargetIsCreated(@TempDir Path dir) throws Exception {
        Path tmp = Files.writeString(dir.resolve(".out.tmp"), "mine");
        Path target = dir.resolve("out.png");
        Publish.move(tmp, target, false);
        assertEquals("mine", Files.readString(target));
        assertFalse(Files.exists(tmp));
    }

    /** Two runs started together with the same new output: the second finds the name taken when it writes. */
    @Test
    void aTargetTakenMeanwhileIsKeptAndTheResultGoesBesideIt(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("out.png"), "first run's");
        Files.writeString(dir.resolve("out-1.png"), "an older numbered one");
        Path tmp = Files.writeString(dir.resolve(".out.tmp"), "second run's");
        TargetTakenException e = assertThrows(TargetTakenException.class, () -> Publish.move(tmp, target, false));
        assertEquals("first run's", Files.readString(target));
        assertEquals("an older numbered one", Files.readString(dir.resolve("out-1.png")));
        assertEquals(dir.resolve("out-2.png"), e.keptAs());
        assertEquals("second run's", Files.readString(e.keptAs()));
        assertTrue(e.getMessage().contains("out-2.png"), e.getMessage());
        assertFalse(Files.exists(tmp));
    }

    @Test
    void replacingReplaces(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("out.png"), "old");
        Publish.move(Files.writeString(dir.resolve(".out.tmp"), "new"), target, true);
        assertEquals("new", Files.readString(target));
    }
}
