package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.StyleTransferConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Many short runs in one JVM, as a library user makes them, printing the process's resident memory after each: if
 * ORT sessions, tensors or ND4J arrays leaked, RSS would climb run after run. A tool, not a test (memory depends
 * on the machine): {@code tools/bench/soak.sh [RUNS] [SIZE]} (5 evaluations of the default config per run).
 */
public final class SoakRuns {

    private SoakRuns() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        StyleTransferConfig config = ConfigLoader.load(Path.of("config/seed.json")).withSize(size).withSteps(5)
                .withThreads(1);
        Backbone backbone = Backbone.open(BackboneLocator.resolve(config.backbone(), System.err::println));
        System.out.println("run  evaluations  rss_mb");
        for (int run = 1; run <= runs; run++) {
            StyleTransferRun.Outcome o = StyleTransferRun.run(config, "soak", backbone, EvaluationListener.NONE);
            System.out.printf(Locale.ROOT, "%3d  %11d  %6.1f%n", run, o.evaluations(), rssMegabytes());
        }
    }

    /** VmRSS from /proc/self/status (Linux). */
    static double rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
