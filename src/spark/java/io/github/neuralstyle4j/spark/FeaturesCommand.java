package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.search.Descriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code spark features}: search descriptors of many images into Parquet. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Describe every input image as 'search index' does, into Parquet (path, size, mtime, backbone"
                + " sha256, layer, descriptor, vector); 'spark index --from-parquet' builds the search index from it.")
final class FeaturesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when not under spark-submit (default ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--input", paramLabel = "PATH", description = "a folder, a glob or a file; repeatable")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-list", paramLabel = "FILE", description = "a file listing input paths, one a line")
    List<String> inputLists = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "PARQUET", description = "the Parquet folder to write")
    String output;

    @Option(names = "--overwrite", description = "replace an existing --output")
    boolean overwrite;

    @Option(names = "--backbone", paramLabel = "DIR", description = "backbone folder or Hadoop URI (default"
            + " onnx/vgg19-random)")
    String backbone;

    @Option(names = "--layer", paramLabel = "LAYER", description = "layer (default the backbone's last, pool5 for VGG)")
    String layer;

    @Option(names = "--descriptor", paramLabel = "content|style", defaultValue = "content",
            description = "content: channel means; style: Gram upper triangle (default ${DEFAULT-VALUE})")
    String descriptor;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "" + FeaturesJob.DEFAULT_SIZE,
            description = "images are resized to PX×PX (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--ship-backbone", description = "send a local backbone folder with the job")
    boolean shipBackbone;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads per executor")
    int threads;

    @Option(names = "--partitions", paramLabel = "N", description = "tasks (default: Spark's default parallelism)")
    int partitions;

    @Override
    public Integer call() throws IOException {
        if (inputs.isEmpty() && inputLists.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --input or --input-list");
        }
        if (size < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must be positive");
        }
        Descriptor d;
        try {
            d = Descriptor.parse(descriptor);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long failed = FeaturesJob.run(SparkSessions.open(master), new FeaturesJob.Options(inputs, inputLists, output,
                overwrite, backbone, layer, d, size, shipBackbone, threads, partitions,
                ImageLoading.DEFAULT_MAX_PIXELS), spec.commandLine().getErr());
        return SparkMain.exitCode(failed);
    }
}
