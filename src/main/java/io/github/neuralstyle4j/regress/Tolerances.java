package io.github.neuralstyle4j.regress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How close neuralstyle4j must come to a PyTorch reference.
 *
 * <p>A reference of format 2 (with a float64 run and a float32 floor, see {@link Reference#judgedAgainstFloat64()})
 * is judged against its <b>float64</b> run: the gradient bounds apply to the float64 gradient, the loss bands to the
 * float64 losses, and a band or the final image may be bounded by a multiple of the float32 floor (how far PyTorch's
 * own float32 runs lie from its float64 run), so that the bound is a property of the algorithm and not of one
 * machine's rounding. A format-1 reference is judged against its float32 run.
 *
 * @param gradientCosine       least cosine between our dL/dx at the start point and the reference's
 * @param gradientRelL2        largest |g − g_ref| / |g_ref| at the start point
 * @param gradientRelL2Float64 the same against the reference's float64 run, or null to skip that check (format 1:
 *                             it needs a reference made with the float64 run, the default of {@code make_reference.py})
 * @param losses               loss bands: the first {@code evaluations} evaluations must agree to the band's bound
 * @param finalPsnr            least PSNR in dB of the optimiser's last-step image against the reference's final
 *                             image, or null for no PSNR check
 * @param finalDistance        bound on the last-step image's distance to the float64 final image relative to the
 *                             content image's distance to it, or null for none (format 2 only)
 */
public record Tolerances(double gradientCosine, double gradientRelL2, Double gradientRelL2Float64,
                         List<LossBand> losses, Double finalPsnr, FinalDistance finalDistance) {

    /** Defaults for a field a suite leaves out: the first 20 evaluations to 1e-3, and so on. */
    public static final Tolerances DEFAULT = new Tolerances(0.9999, 1e-3, null, List.of(new LossBand(20, 1e-3)),
            30.0, null);

    public Tolerances {
        if (!(gradientCosine <= 1) || !(gradientRelL2 >= 0) || gradientRelL2Float64 != null
                && !(gradientRelL2Float64 >= 0) || finalPsnr != null && Double.isNaN(finalPsnr)) {
            throw new IllegalArgumentException("invalid tolerances: gradient_cosine must be <= 1, gradient_rel_l2 "
                    + "and gradient_rel_l2_float64 >= 0, final_psnr a number");
        }
        losses = List.copyOf(losses);
    }

    /**
     * The relative loss error of each of the first {@code evaluations} evaluations must be at most
     * max({@code rel}, {@code floorFactor} × the float32 floor over those evaluations); an evaluation's error is
     * max(|Δstyle|, |Δcontent|, |Δtv|, |Δtotal|) / |total_ref|.
     *
     * @param floorFactor null: the bound is {@code rel} alone
     */
    public record LossBand(int evaluations, double rel, Double floorFactor) {
        public LossBand {
            if (evaluations < 1 || !(rel >= 0) || floorFactor != null && !(floorFactor > 0)) {
                throw new IllegalArgumentException("a loss band needs evaluations >= 1, rel >= 0 and floor_factor > 0");
            }
        }

        /** A band with a fixed bound. */
        public LossBand(int evaluations, double rel) {
            this(evaluations, rel, null);
        }

        /** The band's bound given the float32 floor over its evaluations (NaN: no floor known). */
        public double bound(double floor) {
            return floorFactor == null || Double.isNaN(floor) ? rel : Math.max(rel, floorFactor * floor);
        }

        @JsonCreator
        static LossBand fromJson(@JsonProperty(value = "evaluations", required = true) Integer evaluations,
                                 @JsonProperty(value = "rel", required = true) Double rel,
                                 @JsonProperty("floor_factor") Double floorFactor) {
            return new LossBand(evaluations, rel, floorFactor);
        }
    }

    /**
     * The final image's distance ratio |ours − final₆₄| / |content − final₆₄| (8-bit values) must be at most
     * max({@code min}, {@code floorFactor} × the largest ratio of PyTorch's own float32 runs): 0 is the float64
     * result, 1 is no closer than the content image.
     */
    public record FinalDistance(double floorFactor, double min) {
        public FinalDistance {
            if (!(floorFactor > 0) || !(min >= 0)) {
                throw new IllegalArgumentException("final_distance_ratio needs floor_factor > 0 and min >= 0");
            }
        }

        public double bound(double floor) {
            return Math.max(min, floorFactor * floor);
        }

        @JsonCreator
        static FinalDistance fromJson(@JsonProperty(value = "floor_factor", required = true) Double floorFactor,
                                      @JsonProperty(value = "min", required = true) Double min) {
            return new FinalDistance(floorFactor, min);
        }
    }

    /** The number of leading evaluations the loss bands cover. */
    public int lossEvaluations() {
        return losses.stream().mapToInt(LossBand::evaluations).max().orElse(0);
    }

    /** A suite entry's tolerances; without {@code final_distance_ratio} the PSNR bound defaults to 30 dB. */
    @JsonCreator
    static Tolerances fromJson(@JsonProperty("gradient_cosine") Double gradientCosine,
                               @JsonProperty("gradient_rel_l2") Double gradientRelL2,
                               @JsonProperty("gradient_rel_l2_float64") Double gradientRelL2Float64,
                               @JsonProperty("losses") List<LossBand> losses,
                               @JsonProperty("final_psnr") Double finalPsnr,
                               @JsonProperty("final_distance_ratio") FinalDistance finalDistance) {
        return new Tolerances(
                gradientCosine != null ? gradientCosine : DEFAULT.gradientCosine,
                gradientRelL2 != null ? gradientRelL2 : DEFAULT.gradientRelL2,
                gradientRelL2Float64,
                losses != null ? losses : DEFAULT.losses,
                finalPsnr != null ? finalPsnr : finalDistance == null ? DEFAULT.finalPsnr : null,
                finalDistance);
    }
}
