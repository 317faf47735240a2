package io.github.neuralstyle4j.regress;

import java.util.List;

/**
 * The outcome of one case: its checks in report order and what was measured.
 *
 * @param name     the case's name
 * @param checks   one row per metric
 * @param measured the measurements, or null when the case could not be run (e.g. a different backbone)
 */
public record CaseResult(String name, List<Check> checks, Measurements measured) {

    public CaseResult {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    /** One row of the report: a metric, its value, the tolerance it was held to and the verdict. */
    public record Check(String metric, String value, String tolerance, Status status) {
        /** The verdict: held to its tolerance and passed or failed, or shown for information only. */
        public enum Status { PASS, FAIL, INFO }

        static Check of(String metric, String value, String tolerance, boolean pass) {
            return new Check(metric, value, tolerance, pass ? Status.PASS : Status.FAIL);
        }

        static Check info(String metric, String value) {
            return new Check(metric, value, "-", Status.INFO);
        }
    }

    /**
     * What a run measured against its reference.
     *
     * Against a format-2 reference all are measured against its float64 run.
     *
     * @param gradientCosine      cos∠(dL/dx, reference) at the start point
     * @param gradientRelL2       |dL/dx − reference| / |reference| at the start point
     * @param gradientRelL2Float64 the same against the reference's float64 run (NaN without one)
     * @param lossErrors          per-evaluation relative loss errors, for every evaluation both runs made
     * @param lossWithin1e3       how many leading evaluations agree to 1e-3
     * @param finalPsnr           PSNR (dB) of the last-step image against the reference's final image
     * @param evaluations         evaluations of this run
     * @param seconds             the optimisation's wall time
     * @param finalDistanceRatio  |final − final₆₄| / |content − final₆₄| (NaN for a reference without a float64 final
     *                            image)
     */
    public record Measurements(double gradientCosine, double gradientRelL2, double gradientRelL2Float64,
                               double[] lossErrors, int lossWithin1e3, double finalPsnr, int evaluations,
                               double seconds, double finalDistanceRatio) {
        /** The largest relative loss error over the first {@code n} evaluations. */
        public double worstLossError(int n) {
            return Agreement.max(java.util.Arrays.copyOf(lossErrors, Math.min(n, lossErrors.length)));
        }
    }
}
