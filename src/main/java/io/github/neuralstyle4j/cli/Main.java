package io.github.neuralstyle4j.cli;

import picocli.CommandLine;

/**
 * The {@code neuralstyle} command: stylize, backbone (info, import, generate), regress, visualize, search and
 * device-check.
 */
@CommandLine.Command(name = "neuralstyle", mixinStandardHelpOptions = true, version = "neuralstyle4j 0.1.0",
        description = "Neural style transfer (Gatys et al.) on the JVM: ONNX Runtime + ND4J + L-BFGS.",
        subcommands = {StylizeCommand.class, BackboneCommand.class, RegressCommand.class, VisualizeCommand.class,
                SearchCommand.class, DeviceCheckCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by the tests through {@code execute(...)}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
