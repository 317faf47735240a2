package io.github.neuralstyle4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine's load average, printed beside every timing: a timing from a loaded machine says so. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute load averages and the core count, e.g. {@code 3.10 2.50 2.00 on 2 cores}. */
    static String now() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return String.format(Locale.ROOT, "%s %s %s on %d cores", f[0], f[1], f[2], cores);
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f on %d cores",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cores);
        }
    }
}
