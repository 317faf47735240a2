package io.github.neuralstyle4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code stylize}'s guards against inputs and runs too large for the machine, shared by single and batch runs. */
final class LimitOptions {

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "100000000",
            description = "refuse input images whose header declares more pixels (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(names = "--max-memory", paramLabel = "MB",
            description = "refuse a run whose estimated peak memory exceeds this (config max_memory_mb; default: the"
                    + " available memory)")
    Long maxMemoryMb;

    /** @throws CommandLine.ParameterException naming the flag when a value is out of range */
    void validate(CommandLine commandLine) {
        if (maxPixels <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--max-pixels must be positive");
        }
        if (maxMemoryMb != null && (maxMemoryMb <= 0 || maxMemoryMb > Long.MAX_VALUE >> 20)) {
            throw new CommandLine.ParameterException(commandLine, "--max-memory must be a positive number of"
                    + " MB, got " + maxMemoryMb);
        }
    }

    /** The memory limit in bytes, or 0 for the memory available. */
    long memoryLimitBytes() {
        return maxMemoryMb != null ? maxMemoryMb << 20 : 0;
    }
}
