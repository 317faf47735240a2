package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.DeviceSpec;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.regress.CaseResult;
import io.github.neuralstyle4j.regress.DeviceComparison;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code neuralstyle device-check}: the same short style transfer on the CPU and on a CUDA device (Grams in the
 * graph and on the host), held against the CPU run and timed; {@code --cpu-only} runs the CPU with Grams in the graph
 * instead, a dry run of the same path for machines without a GPU.
 */
@Command(name = "device-check", mixinStandardHelpOptions = true,
        description = {"Run one short style transfer on the CPU and on CUDA, check that they agree and time them.",
                "Exits with " + ExitCodes.REGRESSION + " if a check fails."})
final class DeviceCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/seed.json",
            description = "the run (default ${DEFAULT-VALUE}); size and steps are set below")
    String config;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "256", description = "default ${DEFAULT-VALUE}")
    int size;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20",
            description = "the seed's evaluation budget (default ${DEFAULT-VALUE}: 40 evaluations with max_iter 20)")
    int steps;

    @Option(names = "--device", paramLabel = "cuda[:N]", defaultValue = "cuda",
            description = "default ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--cpu-only", description = "compare the CPU with Grams in the graph against the CPU with Grams "
            + "on the host (no GPU needed)")
    boolean cpuOnly;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "CPU threads for ONNX Runtime and ND4J; 0 = all cores")
    int threads;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StyleTransferConfig cfg = ConfigLoader.load(StylizeCommand.resolveAgainstHome(config))
                .withSize(size).withSteps(steps).withThreads(threads);
        DeviceSpec gpu = DeviceSpec.parse(device);
        if (!cpuOnly && !gpu.isCuda()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device must be cuda or cuda:N; use "
                    + "--cpu-only for a run without a GPU");
        }
        Backbone backbone = Backbone.open(BackboneLocator.resolve(cfg.backbone(), err::println));

        DeviceComparison.Setup reference = new DeviceComparison.Setup(DeviceSpec.CPU, false);
        List<DeviceComparison.Setup> others = cpuOnly
                ? List.of(new DeviceComparison.Setup(DeviceSpec.CPU, true))
                : List.of(new DeviceComparison.Setup(gpu, true), new DeviceComparison.Setup(gpu, false));
        List<DeviceComparison.Run> runs = new ArrayList<>();
        for (DeviceComparison.Setup s : concat(reference, others)) {
            out.printf("running %s, %d px ...%n", s.label(), size);
            out.flush();
            runs.add(DeviceComparison.run(cfg, backbone, s));
        }

        String format = "%-22s %-28s %-18s %-12s %s%n";
        out.printf(format, "setup", "metric (against the first)", "value", "tolerance", "result");
        boolean passed = true;
        for (DeviceComparison.Run r : runs.subList(1, runs.size())) {
            for (CaseResult.Check c : DeviceComparison.compare(runs.get(0), r)) {
                out.printf(format, r.setup().label(), c.metric(), c.value(), c.tolerance(), c.status());
                passed &= c.status() != CaseResult.Check.Status.FAIL;
            }
        }
        out.printf("%-22s %-12s %-18s %s%n", "setup", "evaluations", "first evaluation", "s/evaluation (2..n)");
        for (DeviceComparison.Run r : runs) {
            out.printf("%-22s %-12d %-18s %.4f%n", r.setup().label(), r.losses().size(),
                    String.format(java.util.Locale.ROOT, "%.2f s", r.firstSeconds()), r.secondsPerEvaluation());
        }
        out.println(passed ? "device check passed" : "device check FAILED");
        out.flush();
        return passed ? ExitCodes.OK : ExitCodes.REGRESSION;
    }

    private static List<DeviceComparison.Setup> concat(DeviceComparison.Setup first,
                                                       List<DeviceComparison.Setup> rest) {
        List<DeviceComparison.Setup> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
