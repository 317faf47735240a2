package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checks of a format-2 reference: neuralstyle4j's float32 run held against PyTorch's <b>float64</b> run, with
 * bounds that are multiples of the float32 floor (how far PyTorch's own float32 runs lie from its float64 run).
 * PyTorch's float32 files depend on how a machine rounds (max-pool ties, summation order), its float64 run does not
 * to any precision the checks look at, so a reference regenerated on another machine judges the same way.
 */
final class Float64Judgement {

    private Float64Judgement() {
    }

    /**
     * Appends the checks and returns the measurements.
     *
     * @param startGradient our dL/dx at the first evaluation
     * @param losses        our evaluations
     * @param lastStepImage our image after the last step, as written
     */
    static CaseResult.Measurements judge(RegressionCase c, Tolerances t, float[] startGradient,
                                         List<Evaluation> losses, RgbImage lastStepImage, double seconds,
                                         List<CaseResult.Check> checks) {
        Reference ref = c.reference();
        List<Reference.FloorRun> floor = ref.float32Floor().runs();

        String floorEvaluations = floor.stream().map(r -> Integer.toString(r.evaluations()))
                .collect(Collectors.joining(", "));
        boolean evaluationsMatch = losses.size() == ref.evaluations()
                || floor.stream().anyMatch(r -> r.evaluations() == losses.size());
        checks.add(CaseResult.Check.of("evaluations", Integer.toString(losses.size()),
                "= " + ref.evaluations() + " (float32: " + floorEvaluations + ")", evaluationsMatch));

        float[] g64 = c.referenceGradient();
        double cosine = Agreement.cosine(startGradient, g64);
        double relL2 = Agreement.relativeL2(startGradient, g64);
        double relL2Limit = t.gradientRelL2Float64() != null ? t.gradientRelL2Float64() : t.gradientRelL2();
        checks.add(CaseResult.Check.of("gradient cosine vs float64", fmt("%.8f", cosine),
                ">= " + RegressionRunner.num(t.gradientCosine()), cosine >= t.gradientCosine()));
        checks.add(CaseResult.Check.of("gradient rel L2 vs float64", fmt("%.3e", relL2),
                "<= " + RegressionRunner.num(relL2Limit), relL2 <= relL2Limit));
        Double torch32 = floor.get(0).gradientRelL2();
        if (torch32 != null) {
            checks.add(CaseResult.Check.info("torch f32 gradient rel L2", fmt("%.3e", torch32)));
        }
        if (ref.ties() != null) {
            checks.add(CaseResult.Check.info("max-pool ties at the start", ref.ties().tied() + " of "
                    + ref.ties().windows() + " windows (near: " + ref.ties().nearTied() + ")"));
        }

        double[] errors = Agreement.lossErrors(losses, ref.losses(), Integer.MAX_VALUE);
        for (Tolerances.LossBand band : t.losses()) {
            int n = band.evaluations();
            double worst = Agreement.max(Arrays.copyOf(errors, Math.min(errors.length, n)));
            double floorWorst = floor.stream().mapToDouble(r -> Agreement.worstLossError(r.losses(), ref.losses(), n))
                    .max().orElse(Double.NaN);
            double bound = band.bound(floorWorst);
            String tolerance = band.floorFactor() == null ? "<= " + RegressionRunner.num(bound)
                    : fmt("<= %.3g (%sx floor %.2g)", bound, RegressionRunner.num(band.floorFactor()), floorWorst);
            checks.add(CaseResult.Check.of("losses vs f64, evals 1-" + n, fmt("%.3e", worst), tolerance,
                    errors.length >= n && worst <= bound));
        }
        int within = Agreement.leadingWithin(errors, RegressionRunner.LOSS_AGREEMENT);
        checks.add(CaseResult.Check.info("losses agree to 1e-3", "evaluations 1-" + within));

        RgbImage final64 = c.referenceFinalImage();
        RgbImage content = ImageLoading.load(c.config().content().image());
        double ratio = Agreement.distanceRatio(lastStepImage, final64, content);
        double floorRatio = floor.stream().mapToDouble(Reference.FloorRun::finalDistanceRatio).max().orElseThrow();
        if (t.finalDistance() != null) {
            double bound = t.finalDistance().bound(floorRatio);
            checks.add(CaseResult.Check.of("final distance / content's", fmt("%.4f", ratio),
                    fmt("<= %.3g (%sx floor %.3g)", bound, RegressionRunner.num(t.finalDistance().floorFactor()),
                            floorRatio), ratio <= bound));
        } else {
            checks.add(CaseResult.Check.info("final distance / content's", fmt("%.4f (torch f32: %.4f)", ratio,
                    floorRatio)));
        }
        double psnr = Agreement.psnr(lastStepImage, final64);
        if (t.finalPsnr() != null) {
            checks.add(CaseResult.Check.of("final image PSNR vs float64", Agreement.formatPsnr(psnr),
                    ">= " + RegressionRunner.num(t.finalPsnr()) + " dB", psnr >= t.finalPsnr()));
        } else {
            checks.add(CaseResult.Check.info("final image PSNR vs float64", Agreement.formatPsnr(psnr)));
        }
        return new CaseResult.Measurements(cosine, relL2, relL2, errors, within, psnr, losses.size(), seconds, ratio);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
