package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.RunListener;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.ConfiguredRun;
import io.github.neuralstyle4j.config.SnapshotSpec;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.StopRequest;
import io.github.neuralstyle4j.image.ImageLoading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resume that cannot continue is refused before work (it was an internal NullPointerException, or silently
 * continued from another image), and a snapshot that cannot be written costs a warning, not the run.
 */
class ResumeAndSnapshotFaultsTest {

    private static Path checkpointed(Path dir) throws Exception {
        String json = Files.readString(Path.of("config/default.json")).strip();
        Path config = Files.writeString(dir.resolve("config.json"), json.substring(0, json.length() - 1)
                + ", \"snapshots\": {\"checkpoint\": \"state.ckpt\"}}");
        CliTest.Run first = CliTest.run("stylize", "--config", config.toString(), "--size", "16", "--steps", "1",
                "--threads", "1", "--quiet", "--output", dir.resolve("first.png").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(dir.resolve("state.ckpt")));
        return config;
    }

    @Test
    void aResumeThatCannotContinueIsRefusedBeforeWork(@TempDir Path dir) throws Exception {
        Path config = checkpointed(dir); // one L-BFGS step: more than the 5 steps asked for below
        String state = dir.resolve("state.ckpt").toString();
        CliTest.Run spent = CliTest.run("stylize", "--config", config.toString(), "--size", "16", "--steps", "5",
                "--threads", "1", "--quiet", "--output", dir.resolve("spent.png").toString(), "--resume", state);
        assertEquals(ExitCodes.CONFIG, spent.code(), spent.err());
        assertTrue(spent.err().contains("$.steps") && spent.err().matches("(?s).*already holds \\d+ evaluations.*"),
                spent.err());
        // another content image of the same size (both builtins are 512×384): the checkpoint knows what it was
        CliTest.Run other = CliTest.run("stylize", "--config", config.toString(), "--size", "16", "--steps", "40",
                "--threads", "1", "--quiet", "--output", dir.resolve("other.png").toString(), "--resume", state,
                "--content", "builtin:brushstrokes");
        assertEquals(ExitCodes.CONFIG, other.code(), other.err());
        assertTrue(other.err().contains("another content image"), other.err());
        assertEquals(1, other.err().strip().lines().count(), other.err());
        assertFalse(Files.exists(dir.resolve("spent.png")) || Files.exists(dir.resolve("other.png")));
        CliTest.Run same = CliTest.run("stylize", "--config", config.toString(), "--size", "16", "--steps", "40",
                "--threads", "1", "--quiet", "--output", dir.resolve("same.png").toString(), "--resume", state);
        assertEquals(0, same.code(), same.err());
    }

    /** The snapshot folder's name is taken by a file after the run started: a warning, and the run finishes. */
    @Test
    void aSnapshotThatCannotBeWrittenIsAWarning(@TempDir Path dir) throws Exception {
        StyleTransferConfig config = ConfigLoader.load(Path.of("config/default.json")).withThreads(1).withSize(16)
                .withSteps(1).withOutput(dir.resolve("out.png").toString()).toBuilder()
                .snapshots(new SnapshotSpec(5, "snapshots/evaluation_%05d.png", null)).build();
        Files.writeString(dir.resolve("snapshots"), "a file where the snapshot folder should be");
        List<String> warnings = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onEvaluation(Evaluation evaluation) {
            }

            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        Backbone backbone = Backbone.open(BackboneLocator.resolve(config.backbone(), m -> { }));
        try (StyleTransfer transfer = StyleTransfer.builder().backbone(backbone).threads(1).build()) {
            Request request = ConfiguredRun.request(config, "test", listener, null, new StopRequest(),
                    ImageLoading.DEFAULT_MAX_PIXELS, 0);
            Result result = ConfiguredRun.run(transfer, config, request);
            assertTrue(result.completed(), "the run finished despite the snapshots");
            assertTrue(result.evaluations() >= 5, "every snapshot point was reached: " + result.evaluations());
        }
        assertEquals(1, warnings.size(), "said once, not at every snapshot: " + warnings);
        assertTrue(warnings.get(0).contains("without snapshots"), warnings.get(0));
    }
}
