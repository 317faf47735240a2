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

    /** Stack of the command's thread before the command line's share: deep recursions in parsers and writers. */
    static final long BASE_STACK_BYTES = 64L << 20;
    /**
     * Stack per byte of the process's command line. ONNX Runtime's telemetry (when a user turns it on, see
     * {@link io.github.neuralstyle4j.backbone.OrtStartup}) parses {@code /proc/self/cmdline} with a stack use that
     * grows with its length: measured between 262 and 524 bytes per character (16,000 characters fail with 4 MB and
     * pass with 8 MB), so 1 KiB per byte keeps a factor of two.
     */
    static final long STACK_BYTES_PER_COMMAND_LINE_BYTE = 1024;
    /** A bound on the reservation (virtual memory, touched only as used): Linux caps a command line at ~2 MB. */
    static final long MAX_STACK_BYTES = 4L << 30;

    /** JavaCPP's limit on the process's memory; read once, when ND4J first allocates. */
    static final String JAVACPP_LIMIT = "org.bytedeco.javacpp.maxPhysicalBytes";

    public static void main(String[] args) {
        // JavaCPP (ND4J's native arrays) refuses to let the process grow past 4 × the heap limit, a guess that killed
        // large runs with a small -Xmx; the memory plan decides what fits instead (a value given with -D is kept)
        if (System.getProperty(JAVACPP_LIMIT) == null) {
            System.setProperty(JAVACPP_LIMIT, "0");
        }
        int[] code = {ExitCodes.INTERNAL};
        // the main thread's stack is the JVM's -Xss (1 MB): not ours to size, so the command runs on a thread that is
        Thread work = new Thread(null, () -> code[0] = executeReportingErrors(args), "neuralstyle",
                stackBytes(commandLineBytes(args)));
        work.start();
        try {
            work.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(code[0]);
    }

    /**
     * The command's exit code; an {@link Error} (which picocli passes through) is one line too, except a bug's, which
     * keeps its stack trace.
     */
    static int executeReportingErrors(String[] args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("neuralstyle: out of memory (" + e.getMessage() + "); give the JVM more with"
                    + " JAVA_OPTS=-Xmx..., or use a smaller --size");
            return ExitCodes.RUNTIME;
        } catch (Error e) {
            System.err.println("neuralstyle: internal error: " + e);
            e.printStackTrace();
            return ExitCodes.INTERNAL;
        }
    }

    /** The stack for a process whose command line has {@code commandLineBytes} bytes. */
    static long stackBytes(long commandLineBytes) {
        return Math.min(MAX_STACK_BYTES, BASE_STACK_BYTES + STACK_BYTES_PER_COMMAND_LINE_BYTE * commandLineBytes);
    }

    /** The whole command line as the kernel holds it (JVM options and class path too), else the arguments' length. */
    static long commandLineBytes(String[] args) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/proc/self/cmdline"))) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException | RuntimeException e) {
            long bytes = 4096; // the JVM's own options and class path, roughly
            for (String a : args) {
                bytes += a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1L;
            }
            return bytes;
        }
    }

    /** The configured command line, also used by the tests through {@code execute(...)}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        throw new UsageErrorHandler.MissingCommand(spec.commandLine());
    }
}
