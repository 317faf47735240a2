package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.api.InsufficientMemoryException;
import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.engine.EngineException;
import io.github.neuralstyle4j.engine.MemoryEstimate;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.image.ImageException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * User errors become one line on stderr and a documented exit code; {@code --verbose} adds the cause chain. Public
 * for the optional stacks' commands (video), which run from their own jars.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        int code = exitCode(e);
        boolean verbose = false;
        // the option belongs to the innermost command (e.g. `backbone info --verbose`): walk the whole chain
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption(VerboseOption.NAME);
        }
        var err = cli.getErr();
        if (code == ExitCodes.INTERNAL) {
            err.println("neuralstyle: internal error: " + e);
            e.printStackTrace(err);
        } else {
            err.println("neuralstyle: " + message(e));
            if (verbose) {
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                    err.println("  caused by: " + t);
                }
            }
        }
        err.flush();
        return code;
    }

    /** The exception's message, in the command line's words where the library's name its own settings. */
    static String message(Exception e) {
        if (e instanceof InsufficientMemoryException m) {
            return String.format("a %d×%d run needs an estimated %s, more than the %s %s; use a smaller --size, a"
                    + " coarse-to-fine \"schedule\" whose last stage fits, --tiles auto, or fewer/earlier layers",
                    m.width(),
                    m.height(), m.estimate(), MemoryEstimate.human(m.limit()),
                    m.limitRequested() ? "--max-memory limit" : "memory available now");
        }
        return e.getMessage();
    }

    /** The exit code docs/cli.md gives an error's class; the optional stacks' commands use the same table. */
    public static int exitCode(Throwable e) {
        if (e instanceof SignalledStop stopped) {
            return stopped.exitCode();
        }
        if (e instanceof OutputException || e instanceof io.github.neuralstyle4j.image.ImageWriteException) {
            return ExitCodes.IO;
        }
        if (e instanceof ConfigException || e instanceof InsufficientMemoryException
                || e instanceof io.github.neuralstyle4j.search.SearchException) {
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
