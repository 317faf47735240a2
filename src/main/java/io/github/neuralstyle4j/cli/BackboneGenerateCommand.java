package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code neuralstyle backbone generate --preset vgg16|vgg19 --seed N DIR}: a VGG-shaped backbone with seeded random
 * weights, identical bytes on every machine (so references made on one machine can be checked on another by the
 * SHA-256 of {@code features.onnx}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a VGG-shaped backbone with seeded random (He-normal, fan_out) weights.",
                "The same preset and seed give identical bytes on every machine; --preset vgg19 with the default "
                        + "seed is the embedded default backbone vgg19-random."})
final class BackboneGenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", required = true, paramLabel = "vgg16|vgg19", converter = PresetConverter.class,
            description = "the network shape: VGG16 (13 convolutions) or VGG19 (16)")
    Preset preset;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + VggBackboneGenerator.DEFAULT_SEED,
            description = "seed of java.util.Random for the weights (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--name", paramLabel = "NAME",
            description = "the backbone's name in backbone.json (default <preset>-random-seed<N>, or vgg19-random "
                    + "for VGG19 with the default seed)")
    String name;

    @Parameters(paramLabel = "DIR", description = "the folder to create; it must not exist yet")
    Path directory;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(directory) && !isEmptyDirectory(directory)) {
            throw new FileAlreadyExistsException(directory + " already exists; remove it or choose another folder");
        }
        if (Files.isDirectory(directory)) {
            Files.delete(directory); // an empty folder: the generator renames its finished folder into place
        }
        String backboneName = name != null ? name : preset.defaultName(seed);
        VggBackboneGenerator.write(directory, backboneName, preset.stages(), seed);
        Backbone backbone = Backbone.open(directory);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %s (%s, seed %d, %d layers)%nfeatures.onnx sha256 %s%n", directory, backboneName,
                preset.id(), seed, backbone.manifest().layers().size(),
                io.github.neuralstyle4j.backbone.BackboneFolders.sha256(directory.resolve(backbone.manifest().model())));
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static final class PresetConverter implements CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            try {
                return Preset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
