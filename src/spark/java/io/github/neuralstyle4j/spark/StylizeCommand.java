package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.image.ImageLoading;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code spark stylize}: one stylized image per input and a results table; re-runs finish only what is missing. */
@Command(name = "stylize", mixinStandardHelpOptions = true,
        description = "Stylize every input image (any Hadoop path); outputs that exist are kept, so a re-run or a"
                + " restarted job does only what is missing. Writes OUTPUT/_results/{parquet,json}.")
final class StylizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when not under spark-submit (default ${DEFAULT-VALUE}: in this JVM)")
    String master;

    @Option(names = "--input", paramLabel = "PATH", description = "a folder (its image files), a glob or a file;"
            + " repeatable")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-list", paramLabel = "FILE", description = "a file listing input paths, one a line")
    List<String> inputLists = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "config file (default: the built-in default)")
    String config;

    @Option(names = "--style", paramLabel = "IMG", description = "style image(s) replacing the config's; repeatable")
    List<String> styles = new ArrayList<>();

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "outputs (<stem>.png) and"
            + " the results table")
    String outputDir;

    @Option(names = "--size", paramLabel = "PX", description = "working size (shorter side), overriding the config")
    Integer size;

    @Option(names = "--steps", paramLabel = "N", description = "steps, overriding the config")
    Integer steps;

    @Option(names = "--backbone", paramLabel = "DIR", description = "backbone folder (local, shared, or a Hadoop"
            + " URI copied to each executor), overriding the config")
    String backbone;

    @Option(names = "--ship-backbone", description = "send a local backbone folder with the job (SparkContext"
            + ".addFile) instead of reading it at the same path on every executor")
    boolean shipBackbone;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads per executor (default:"
            + " spark.executor.cores, in local mode N of local[N])")
    int threads;

    @Option(names = "--partitions", paramLabel = "N", description = "tasks (default: Spark's default parallelism)")
    int partitions;

    @Option(names = "--max-pixels", paramLabel = "N", description = "refuse inputs declaring more pixels (their row"
            + " fails; default ${DEFAULT-VALUE})", defaultValue = "" + ImageLoading.DEFAULT_MAX_PIXELS)
    long maxPixels;

    @Override
    public Integer call() throws IOException {
        if (inputs.isEmpty() && inputLists.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --input or --input-list");
        }
        PrintWriter err = spec.commandLine().getErr();
        StylizeJob.Summary s = StylizeJob.run(SparkSessions.open(master), new StylizeJob.Options(inputs, inputLists,
                config, styles, outputDir, size, steps, backbone, shipBackbone, threads, partitions, maxPixels), err);
        return SparkMain.exitCode(s.failed());
    }
}
