package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.cli.ErrorHandler;
import io.github.neuralstyle4j.cli.ExitCodes;
import picocli.CommandLine;

/** A job's error as one line on stderr and the exit code docs/cli.md gives its class (as the core commands do). */
final class SparkErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        int code = exitCode(e);
        if (code == ExitCodes.INTERNAL) {
            cli.getErr().println("neuralstyle spark: internal error: " + e);
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("neuralstyle spark: " + StylizeTask.oneLine(e));
        }
        cli.getErr().flush();
        return code;
    }

    /** The core commands' table (docs/cli.md), so a job and the CLI give one error the same code. */
    static int exitCode(Throwable e) {
        return ErrorHandler.exitCode(e);
    }
}
