package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.config.StyleImage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.files.OutputTargets;
import io.github.neuralstyle4j.image.ImageWriter;

import java.nio.file.Path;
import java.util.Locale;

/** What a stylize run reads and writes, for {@link OutputTargets}' checks before any work. */
final class RunFiles {

    private RunFiles() {
    }

    /** The run's inputs: config, images, checkpoint to resume from, the backbone's files (where it is a folder). */
    static OutputTargets inputs(StyleTransferConfig cfg, Path configFile, Path resume, boolean overwrite) {
        OutputTargets targets = new OutputTargets(overwrite).input("config", configFile)
                .input("content image", cfg.content().isTexture() ? null : cfg.content().image())
                .input("content mask", cfg.content().mask())
                .input("init image", cfg.init().image());
        for (StyleImage s : cfg.style().images()) {
            targets.input("style image", s.image()).input("style mask", s.mask());
        }
        if (resume != null) {
            targets.input("checkpoint", resume);
        }
        Path backbone = Path.of(cfg.backbone());
        targets.input("backbone manifest", backbone.resolve(Backbone.MANIFEST));
        targets.input("backbone model", backbone.resolve("features.onnx"));
        return targets;
    }

    /** Adds one run's outputs: the image, and what is written beside it or into its folder. */
    static OutputTargets outputs(OutputTargets targets, StyleTransferConfig cfg, Path output, Path report,
                                 Path resume) {
        requireImageExtension(output);
        targets.output("--output", output);
        if (report != null) {
            targets.output("--report", report);
        }
        if (cfg.pictures().lossPlot()) {
            targets.output("the loss plot", Pictures.beside(output, "losses"));
        }
        if (cfg.pictures().contactSheet()) {
            targets.output("the contact sheet", Pictures.beside(output, "sheet"));
        }
        Path folder = output.toAbsolutePath().getParent();
        Path checkpoint = cfg.snapshots().checkpoint() == null ? null : folder.resolve(cfg.snapshots().checkpoint());
        // resuming from the checkpoint the run then replaces is how a long run is continued in steps
        if (checkpoint != null && !(resume != null && OutputTargets.sameFile(resume, checkpoint))) {
            targets.replaced("the checkpoint", checkpoint);
        }
        if (cfg.snapshots().every() > 0) {
            targets.folder(folder.resolve(cfg.snapshots().fileFor(1)).getParent());
        }
        return targets;
    }

    static void requireImageExtension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (ImageWriter.supportedExtensions().stream().noneMatch(name::endsWith)) {
            throw new OutputException("Cannot write image " + file + ": use one of the extensions "
                    + ImageWriter.supportedExtensions());
        }
    }
}
