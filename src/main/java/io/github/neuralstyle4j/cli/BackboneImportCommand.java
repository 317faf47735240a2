package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.BackboneImporter;
import io.github.neuralstyle4j.backbone.InputNormalization;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code neuralstyle backbone import FILE.onnx}: a whole classifier in ONNX becomes a backbone folder, so that a
 * VGG exported elsewhere (torchvision, the ONNX Model Zoo) can be used without Python on this machine.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a backbone folder from a whole-classifier ONNX file (e.g. a VGG16/VGG19 export): cut"
                + " it after the convolutional stack, name its layers, put the input normalisation in the graph.")
final class BackboneImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.onnx", description = "the classifier")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "backbone folder to write (default: onnx/NAME in the project)")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "backbone name (default: the file name without .onnx)")
    String name;

    @Option(names = "--normalization", paramLabel = "imagenet|none|M,M,M:S,S,S", defaultValue = "imagenet",
            converter = NormalizationConverter.class,
            description = "(x - mean) / std to apply to the RGB input in [0,1] before the imported graph: ImageNet's"
                    + " (default; what torchvision and Model Zoo VGGs expect), none (the file normalises itself), or"
                    + " explicit R,G,B means and stds")
    InputNormalization normalization;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        String backboneName = name != null ? name : file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        Path directory = out != null ? out : defaultDirectory(backboneName);
        BackboneImporter.Imported result = BackboneImporter.importFile(file, directory, backboneName, normalization);
        var layers = result.manifest().layers();
        stdout.printf("imported %s: %s stack of %d layers (%s ... %s), cut after %s (%s); %d classifier nodes left out%n",
                file.getFileName(), result.vggShaped() ? "VGG-shaped" : "convolutional", layers.size(),
                layers.get(0).name(), layers.get(layers.size() - 1).name(), result.cutAfter(), result.cutNode(),
                result.dropped());
        stdout.printf("input: image float32 [1,3,H,W], RGB in [0,1]; normalisation: %s%n", normalization);
        stdout.printf("wrote %s; see its layers with: neuralstyle backbone info %s%n", directory, directory);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** onnx/NAME in the project home when run through the launcher, so that {@code --backbone onnx/NAME} finds it. */
    private static Path defaultDirectory(String name) {
        String home = System.getProperty(BackboneLocator.HOME_PROPERTY);
        Path relative = Path.of("onnx", name);
        return home != null && !home.isBlank() && !Files.isDirectory(Path.of("onnx")) ? Path.of(home).resolve(relative)
                : relative;
    }

    static final class NormalizationConverter implements CommandLine.ITypeConverter<InputNormalization> {
        @Override
        public InputNormalization convert(String value) {
            try {
                return InputNormalization.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
