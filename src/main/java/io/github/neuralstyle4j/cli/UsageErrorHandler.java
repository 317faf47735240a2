package io.github.neuralstyle4j.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * A usage error (unknown option, bad value, missing command) is one line on stderr naming the option and where the
 * help is, and exit code 2; the usage itself goes to stdout only when the command was missing, where it is the
 * answer. picocli's default prints the whole usage to stderr, burying the one line that says what was wrong.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String message = e.getMessage() == null ? "invalid command line" : e.getMessage().replaceAll("\\s+", " ");
        err.println("neuralstyle: " + message.strip() + " (see '" + cli.getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        if (e instanceof MissingCommand) {
            cli.usage(cli.getOut());
            cli.getOut().flush();
        }
        return ExitCodes.USAGE;
    }

    /** A command that only groups others (neuralstyle, backbone, search) was given none of them. */
    static final class MissingCommand extends CommandLine.ParameterException {
        private static final long serialVersionUID = 1L;

        MissingCommand(CommandLine cli) {
            super(cli, "missing command: one of " + String.join(", ", cli.getSubcommands().keySet()));
        }
    }
}
