package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.backbone.BackboneException;
import io.github.neuralstyle4j.config.ConfigException;
import io.github.neuralstyle4j.config.DeviceSpec;
import io.github.neuralstyle4j.engine.EngineException;
import io.github.neuralstyle4j.image.ImageException;
import io.github.neuralstyle4j.regress.CaseResult;
import io.github.neuralstyle4j.regress.RegressionException;
import io.github.neuralstyle4j.regress.RegressionRunner;
import io.github.neuralstyle4j.regress.RegressionSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code neuralstyle regress SUITE.json}: runs reference cases made with PyTorch ({@code tools/make_reference.py})
 * and checks the agreement against the suite's tolerances; for anyone who swaps backbones or upgrades ONNX Runtime.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Run PyTorch reference cases and check the agreement (start gradient, losses, final image).",
                "Prints one row per case and metric; exits with " + ExitCodes.REGRESSION + " if any check fails."})
final class RegressCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SUITE.json", description = "the suite: cases (folders relative to the suite file) and "
            + "tolerances, e.g. src/test/resources/reference/suite.json")
    Path suite;

    @Option(names = "--backbones", paramLabel = "DIR",
            description = "where to generate the backbones that cases describe by a recipe (default: the path in "
                    + "the case's config)")
    Path backbones;

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]", description = "where the graphs run (default: the "
            + "cases' configs, cpu)")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "threads for ONNX Runtime and ND4J; 0 = all cores (default ${DEFAULT-VALUE}: the cases are "
                    + "small, and one thread is the fastest for them)")
    int threads;

    @Option(names = "--gram-in-graph", negatable = true,
            description = "compute the style Gram matrices in the ONNX graphs (default: the cases' configs; on when "
                    + "the device is cuda)")
    Boolean gramInGraph;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RegressionSuite s;
        try {
            s = RegressionSuite.load(suite);
        } catch (RegressionException e) {
            err.println("neuralstyle: " + e.getMessage());
            err.flush();
            return ExitCodes.CONFIG;
        }
        RegressionRunner.Options options = new RegressionRunner.Options(backbones,
                device != null ? DeviceSpec.parse(device) : null, threads, m -> {
                    err.println(m);
                    err.flush();
                }, gramInGraph);
        List<CaseResult> results = new ArrayList<>();
        long start = System.nanoTime();
        String format = "%-20s %-30s %-16s %-14s %s%n";
        out.printf(format, "case", "metric", "value", "tolerance", "result");
        out.flush();
        for (RegressionSuite.Entry entry : s.cases()) {
            CaseResult r;
            try {
                r = RegressionRunner.run(entry, options);
            } catch (RegressionException | ConfigException | BackboneException | ImageException
                     | EngineException e) {
                // a case that cannot run fails; the others still run
                r = new CaseResult(entry.name(), List.of(new CaseResult.Check("could not run", e.getMessage(), "-",
                        CaseResult.Check.Status.FAIL)), null);
            }
            for (CaseResult.Check c : r.checks()) {
                out.printf(format, r.name(), c.metric(), c.value(), c.tolerance(), c.status());
            }
            out.flush();
            results.add(r);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf("%d of %d cases passed (%.1f s)%n", results.size() - failed, results.size(),
                (System.nanoTime() - start) / 1e9);
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.REGRESSION;
    }
}
