package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code spark index --from-parquet P --index DIR}, which {@code tools/neuralstyle search index --from-parquet}
 * also runs: the Parquet reader stays in the Spark stack, out of the core jar.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build (or add to) the search index from the Parquet of 'spark features'.")
final class IndexCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when not under spark-submit (default ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--from-parquet", required = true, paramLabel = "PARQUET", description = "the descriptors")
    String parquet;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "index folder (created if missing)")
    Path index;

    @Override
    public Integer call() {
        IndexJob.run(SparkSessions.open(master), parquet, index, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
