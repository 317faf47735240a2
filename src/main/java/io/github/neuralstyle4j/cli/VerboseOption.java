package io.github.neuralstyle4j.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} option every command shares; {@link ErrorHandler} reads it from the parse result. */
final class VerboseOption {

    static final String NAME = "--verbose";

    @Option(names = NAME, description = "show the cause chain of errors")
    boolean verbose;
}
