package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.cli.ExitCodes;
import picocli.CommandLine;

/**
 * {@code neuralstyle spark ...}: the Spark jobs, in-process in local mode ({@code --master local[N]}) or on a
 * cluster under {@code spark-submit} (docs/spark.md).
 */
@CommandLine.Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Style transfer and search descriptors over many images with Apache Spark.",
        subcommands = {StylizeCommand.class, FeaturesCommand.class, IndexCommand.class, RecallCommand.class,
                RecallCommand.Synthetic.class})
public final class SparkMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        scala.Option<org.apache.spark.sql.SparkSession> session = org.apache.spark.sql.SparkSession.getDefaultSession();
        if (session.isDefined()) {
            session.get().stop();
        }
        System.exit(code);
    }

    /** The configured command line (the tests run it through {@code execute}). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setExecutionExceptionHandler(new SparkErrors());
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a job: stylize, features, index, recall or synthetic");
    }

    /** Exit code of a job: {@link ExitCodes#BATCH} when some image failed. */
    static int exitCode(long failed) {
        return failed > 0 ? ExitCodes.BATCH : ExitCodes.OK;
    }
}
