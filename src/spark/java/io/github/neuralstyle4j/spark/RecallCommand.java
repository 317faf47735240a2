package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.cli.ExitCodes;
import io.github.neuralstyle4j.files.OutputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code spark recall} and {@code spark synthetic}: the HNSW index's recall@K against an exact top-K in Spark. */
@Command(name = "recall", mixinStandardHelpOptions = true,
        description = "Recall@K of the search index built from PARQUET: its top K against the exact top K (brute"
                + " force in Spark) for the first N rows of the query Parquet.")
final class RecallCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when not under spark-submit (default ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--parquet", required = true, paramLabel = "PARQUET", description = "the indexed descriptors")
    String parquet;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "the index built from them")
    Path index;

    @Option(names = "--queries-parquet", paramLabel = "PARQUET", description = "query descriptors (default"
            + " --parquet itself: in-index queries)")
    String queryParquet;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "100", description = "queries (default"
            + " ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10", description = "neighbours (default ${DEFAULT-VALUE})")
    int k;

    @Override
    public Integer call() {
        if (queries < 1 || k < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--queries and --k must be at least 1");
        }
        RecallJob.run(SparkSessions.open(master), parquet, queryParquet != null ? queryParquet : parquet, index,
                queries, k, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** {@code spark synthetic}: unit vectors in the features layout, to measure the index at any size. */
    @Command(name = "synthetic", mixinStandardHelpOptions = true,
            description = "Write synthetic unit vectors (clustered Gaussian) in the Parquet layout of 'spark features'.")
    static final class Synthetic implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
                description = "Spark master when not under spark-submit (default ${DEFAULT-VALUE})")
        String master;

        @Option(names = "--output", required = true, paramLabel = "PARQUET", description = "the Parquet folder")
        String output;

        @Option(names = "--count", required = true, paramLabel = "N", description = "vectors")
        long count;

        @Option(names = "--first", paramLabel = "ID", defaultValue = "0", description = "id of the first vector"
                + " (queries: ids past the indexed ones)")
        long first;

        @Option(names = "--dimension", paramLabel = "D", defaultValue = "512", description = "values per vector"
                + " (default ${DEFAULT-VALUE}, a pool5 content descriptor's)")
        int dimension;

        @Option(names = "--clusters", paramLabel = "C", defaultValue = "1000", description = "Gaussian centres;"
                + " 0 for uniform directions (default ${DEFAULT-VALUE})")
        int clusters;

        @Option(names = "--noise", paramLabel = "X", defaultValue = "1.0", description = "spread around a centre,"
                + " relative to the centres' own (default ${DEFAULT-VALUE})")
        double noise;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "17", description = "seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "8", description = "output files")
        int partitions;

        @Option(names = "--overwrite", description = "replace an existing --output")
        boolean overwrite;

        @Override
        public Integer call() throws java.io.IOException {
            if (count < 1 || dimension < 1 || clusters < 0 || partitions < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count, --dimension and --partitions"
                        + " must be positive, --clusters at least 0");
            }
            var spark = SparkSessions.open(master);
            org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(output);
            if (!overwrite && out.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(out)) {
                throw new OutputException(output + " exists; give another output or --overwrite to replace it");
            }
            SyntheticVectors.write(spark, first, count, dimension, clusters, noise, seed, partitions, output);
            spec.commandLine().getOut().printf("wrote %d synthetic vectors of %d values to %s%n", count, dimension,
                    output);
            return ExitCodes.OK;
        }
    }
}
