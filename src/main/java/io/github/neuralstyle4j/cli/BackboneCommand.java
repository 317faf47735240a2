package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.backbone.BackboneManifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code neuralstyle backbone info DIR}: what a backbone offers. */
@Command(name = "backbone", description = "Inspect backbones.", mixinStandardHelpOptions = true,
        subcommands = {BackboneCommand.Info.class, BackboneImportCommand.class, BackboneGenerateCommand.class})
final class BackboneCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new UsageErrorHandler.MissingCommand(spec.commandLine());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "List the layers of a backbone with their shapes for an input size.")
    static final class Info implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "backbone folder, e.g. onnx/vgg19-random")
        String directory;

        @Option(names = "--size", paramLabel = "PX", defaultValue = "224",
                description = "input height and width for the shapes (default ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--height", paramLabel = "PX", description = "input height (default: --size)")
        Integer height;

        @Option(names = "--width", paramLabel = "PX", description = "input width (default: --size)")
        Integer width;

        @CommandLine.Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Backbone bb = Backbone.open(BackboneLocator.resolve(directory, spec.commandLine().getErr()::println));
            BackboneManifest m = bb.manifest();
            int h = height != null ? height : size;
            int w = width != null ? width : size;
            out.printf("backbone %s (%s)%n", m.name(), bb.directory());
            if (m.weights() != null) {
                out.printf("weights: %s%s%n", m.weights().source(),
                        m.weights().initialisation() != null ? "; " + m.weights().initialisation() : "");
            }
            if (m.normalization() != null) {
                out.printf("input: %s float32 [1,3,H,W], RGB in [0,1]; normalisation in graph: mean %s std %s%n",
                        m.input(), m.normalization().mean(), m.normalization().std());
            }
            Map<BackboneManifest.Layer, long[]> shapes = bb.layerShapes(h, w);
            // columns as wide as the longest entry: resnet names such as layer3.0.downsample.0 exceed 12
            int nameWidth = Math.max(12, shapes.keySet().stream().mapToInt(l -> l.name().length()).max().orElse(0));
            int aliasWidth = Math.max(12, shapes.keySet().stream()
                    .mapToInt(l -> String.join(",", l.aliases()).length()).max().orElse(0));
            String row = "%-" + nameWidth + "s %-" + aliasWidth + "s %-6s %s%n";
            out.printf(row, "layer", "aliases", "kind", "shape at " + h + "x" + w);
            for (Map.Entry<BackboneManifest.Layer, long[]> e : shapes.entrySet()) {
                BackboneManifest.Layer l = e.getKey();
                out.printf(row, l.name(), String.join(",", l.aliases()), l.kind(),
                        Arrays.stream(e.getValue()).mapToObj(Long::toString).collect(Collectors.joining("x")));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
