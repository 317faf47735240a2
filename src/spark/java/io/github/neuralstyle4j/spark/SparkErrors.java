package io.github.neuralstyle4j.spark;

import io.github.neuralstyle4j.api.InsufficientMemoryException;
import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.cli.ExitCodes;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.engine.EngineException;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.image.ImageException;
import io.github.neuralstyle4j.search.SearchException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    static int exitCode(Throwable e) {
        if (e instanceof OutputException) {
            return ExitCodes.IO;
        }
        if (e instanceof ConfigException || e instanceof InsufficientMemoryException || e instanceof SearchException) {
            return ExitCodes.CONFIG;
        }
        if (e instanceof ImageException) {
            return ExitCodes.IMAGE;
        }
        if (e instanceof BackboneException) {
            return ExitCodes.BACKBONE;
        }
        if (e instanceof EngineException) {
            return ExitCodes.RUNTIME;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return ExitCodes.IO;
        }
        return ExitCodes.INTERNAL;
    }
}
