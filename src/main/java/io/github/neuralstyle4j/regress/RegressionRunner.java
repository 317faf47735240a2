package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.config.ConfiguredRun;
import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.BackboneLocator;
import io.github.neuralstyle4j.backbone.VggBackboneGenerator;
import io.github.neuralstyle4j.config.DeviceSpec;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.EvaluationListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs a case through neuralstyle4j's engine and holds the result against the PyTorch reference: against its float64
 * run with bounds from the float32 floor for a format-2 reference ({@link Float64Judgement}), against its float32 run
 * for an older one.
 */
public final class RegressionRunner {

    /** The loss agreement that is counted (and reported) however loose a case's tolerance is. */
    public static final double LOSS_AGREEMENT = 1e-3;

    /**
     * How cases are run.
     *
     * @param backbones where generated backbones go ({@code generate_backbone}); null: where the config's path points
     * @param device    overrides the case config's device, or null
     * @param threads   overrides the case config's threads, or null
     * @param log       progress messages (backbone generation)
     * @param gramInGraph overrides the case config's {@code gram_in_graph}, or null
     */
    public record Options(Path backbones, DeviceSpec device, Integer threads, Consumer<String> log,
                          Boolean gramInGraph) {
        public static final Options DEFAULT = new Options(null, null, null, m -> { });

        /** No override of where the Grams are computed. */
        public Options(Path backbones, DeviceSpec device, Integer threads, Consumer<String> log) {
            this(backbones, device, threads, log, null);
        }
    }

    private RegressionRunner() {
    }

    /** Runs one suite entry. */
    public static CaseResult run(RegressionSuite.Entry entry, Options options) {
        RegressionCase c = RegressionCase.load(entry.directory());
        return run(c, entry.name(), backboneFor(entry, c, options), entry.tolerances(), options);
    }

    /**
     * The backbone folder of a suite entry: the entry's {@code backbone}, else the config's, looked up relative to the
     * case folder, the current directory and the project home; a missing one with a recipe is generated.
     */
    public static Path backboneFor(RegressionSuite.Entry entry, RegressionCase c, Options options) {
        if (entry.backbone() != null) {
            return entry.backbone();
        }
        String spec = c.config().backbone();
        Path given = Path.of(spec);
        RegressionSuite.BackboneRecipe recipe = entry.recipe();
        if (recipe != null && options.backbones() != null) {
            Path dir = options.backbones().resolve(given.getFileName());
            generateIfMissing(dir, recipe, options);
            return dir;
        }
        List<Path> candidates = new ArrayList<>();
        if (given.isAbsolute()) {
            candidates.add(given);
        } else {
            candidates.add(c.directory().resolve(given));
            candidates.add(given);
            String home = System.getProperty(BackboneLocator.HOME_PROPERTY);
            if (home != null && !home.isBlank()) {
                candidates.add(Path.of(home).resolve(given));
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(Backbone.MANIFEST))) {
                return p;
            }
        }
        if (recipe != null) {
            Path dir = candidates.get(candidates.size() - 1);
            generateIfMissing(dir, recipe, options);
            return dir;
        }
        // the embedded default is generated on first use, as for stylize
        return BackboneLocator.resolve(spec, options.log());
    }

    private static void generateIfMissing(Path dir, RegressionSuite.BackboneRecipe recipe, Options options) {
        if (!Files.isRegularFile(dir.resolve(Backbone.MANIFEST))) {
            options.log().accept("generating backbone " + dir + " (" + recipe.preset().id() + ", seed "
                    + recipe.seed() + ")");
            VggBackboneGenerator.write(dir, recipe.preset().defaultName(recipe.seed()), recipe.preset().stages(),
                    recipe.seed());
        }
    }

    /** Runs a case on a backbone folder and checks it against its reference with the given tolerances. */
    public static CaseResult run(RegressionCase c, String name, Path backboneDir, Tolerances tolerances,
                                 Options options) {
        Reference ref = c.reference();
        List<CaseResult.Check> checks = new ArrayList<>();
        Backbone backbone = Backbone.open(backboneDir);
        String sha = io.github.neuralstyle4j.backbone.BackboneFolders.sha256(backboneDir.resolve(backbone.manifest().model()));
        boolean sameWeights = sha.equals(ref.backboneSha256());
        checks.add(CaseResult.Check.of("backbone sha256", shortSha(sha),
                "= " + shortSha(ref.backboneSha256()), sameWeights));
        if (!sameWeights) {
            checks.add(new CaseResult.Check("run", "skipped: the reference was made on other weights ("
                    + backboneDir + ")", "-", CaseResult.Check.Status.FAIL));
            return new CaseResult(name, checks, null);
        }

        StyleTransferConfig config = c.config();
        if (options.device() != null) {
            config = config.withDevice(options.device());
        }
        if (options.threads() != null) {
            config = config.withThreads(options.threads());
        }
        if (options.gramInGraph() != null) {
            config = config.toBuilder().gramInGraph(options.gramInGraph()).build();
        }
        float[][] startGradient = new float[1][];
        String source = c.directory().resolve(RegressionCase.CONFIG).toString();
        Result outcome = ConfiguredRun.once(config, source, backbone, new EvaluationListener() {
            @Override
            public void onEvaluation(Evaluation e) {
            }

            @Override
            public void onEvaluation(Evaluation e, INDArray point, INDArray gradient) {
                if (e.number() == 1) {
                    startGradient[0] = gradient.dup().reshape(gradient.length()).toFloatVector();
                }
            }
        });

        boolean sameSize = outcome.width() == ref.width() && outcome.height() == ref.height();
        checks.add(CaseResult.Check.of("image size", outcome.width() + "x" + outcome.height(),
                "= " + ref.width() + "x" + ref.height(), sameSize));
        if (!sameSize) {
            return new CaseResult(name, checks, null);
        }
        if (ref.judgedAgainstFloat64()) {
            CaseResult.Measurements m = Float64Judgement.judge(c, tolerances, startGradient[0], outcome.losses(),
                    outcome.lastStepImage(), outcome.seconds(), checks);
            return new CaseResult(name, checks, m);
        }
        checks.add(CaseResult.Check.of("evaluations", Integer.toString(outcome.evaluations()),
                "= " + ref.evaluations(), outcome.evaluations() == ref.evaluations()));

        float[] refGradient = c.referenceGradient();
        double cosine = Agreement.cosine(startGradient[0], refGradient);
        double relL2 = Agreement.relativeL2(startGradient[0], refGradient);
        checks.add(CaseResult.Check.of("gradient cosine", fmt("%.8f", cosine),
                fmt(">= %s", num(tolerances.gradientCosine())), cosine >= tolerances.gradientCosine()));
        checks.add(CaseResult.Check.of("gradient rel L2", fmt("%.3e", relL2),
                fmt("<= %s", num(tolerances.gradientRelL2())), relL2 <= tolerances.gradientRelL2()));
        double relL2Float64 = Double.NaN;
        float[] refGradient64 = c.referenceGradientFloat64();
        if (refGradient64 != null) {
            relL2Float64 = Agreement.relativeL2(startGradient[0], refGradient64);
        }
        if (tolerances.gradientRelL2Float64() != null) {
            double limit = tolerances.gradientRelL2Float64();
            checks.add(refGradient64 == null
                    ? new CaseResult.Check("gradient rel L2 vs float64", "no float64 run in the reference",
                            fmt("<= %s", num(limit)), CaseResult.Check.Status.FAIL)
                    : CaseResult.Check.of("gradient rel L2 vs float64", fmt("%.3e", relL2Float64),
                            fmt("<= %s", num(limit)), relL2Float64 <= limit));
        }

        double[] errors = Agreement.lossErrors(outcome.losses(), ref.losses(), Integer.MAX_VALUE);
        for (Tolerances.LossBand band : tolerances.losses()) {
            double[] head = java.util.Arrays.copyOf(errors, Math.min(errors.length, band.evaluations()));
            double worst = Agreement.max(head);
            checks.add(CaseResult.Check.of("loss rel error, evals 1-" + band.evaluations(), fmt("%.3e", worst),
                    fmt("<= %s", num(band.rel())), head.length == band.evaluations() && worst <= band.rel()));
        }
        int within = Agreement.leadingWithin(errors, LOSS_AGREEMENT);
        checks.add(CaseResult.Check.info("losses agree to 1e-3", "evaluations 1-" + within));

        double psnr = Agreement.psnr(outcome.lastStepImage(), c.referenceFinalImage());
        if (tolerances.finalPsnr() != null) {
            checks.add(CaseResult.Check.of("final image PSNR", Agreement.formatPsnr(psnr),
                    fmt(">= %s dB", num(tolerances.finalPsnr())), psnr >= tolerances.finalPsnr()));
        } else {
            checks.add(CaseResult.Check.info("final image PSNR", Agreement.formatPsnr(psnr)));
        }
        if (ref.float64() != null && ref.float64().versusFloat32() != null) {
            Reference.Comparison t = ref.float64().versusFloat32();
            // what rounding alone does: PyTorch's float32 run against its float64 run
            checks.add(CaseResult.Check.info("torch f32/f64 gradient rel L2", fmt("%.3e", t.gradientRelL2())));
            checks.add(CaseResult.Check.info("torch f32/f64 losses agree", "evaluations 1-"
                    + t.lossEvaluationsWithin1e3()));
            checks.add(CaseResult.Check.info("torch f32/f64 final PSNR", Agreement.formatPsnr(t.finalPsnr())));
        }
        return new CaseResult(name, checks, new CaseResult.Measurements(cosine, relL2, relL2Float64, errors,
                within, psnr, outcome.evaluations(), outcome.seconds(), Double.NaN));
    }

    private static String shortSha(String sha) {
        return sha == null ? "(none)" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** A tolerance as a suite file would write it: 20, 0.9999, 1e-5. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-3) {
            return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        String[] parts = fmt("%.6e", v).split("e");
        String mantissa = parts[0].replaceAll("\\.?0+$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
