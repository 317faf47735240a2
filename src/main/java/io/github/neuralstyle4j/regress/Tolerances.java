package io.github.neuralstyle4j.regress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * How close neuralstyle4j must come to a PyTorch reference.
 *
 * @param gradientCosine       least cosine between our dL/dx at the start point and the reference's (float32 run)
 * @param gradientRelL2        largest |g − g_ref| / |g_ref| at the start point against the float32 run
 * @param gradientRelL2Float64 the same against the reference's float64 run, or null to skip that check (it needs a
 *                             reference made with the float64 run, the default of {@code make_reference.py})
 * @param losses               loss bands: the first {@code evaluations} evaluations must agree to {@code rel}
 * @param finalPsnr            least PSNR in dB of the optimiser's last-step image against the reference's final image
 */
public record Tolerances(double gradientCosine, double gradientRelL2, Double gradientRelL2Float64,
                         List<LossBand> losses, double finalPsnr) {

    /** Defaults for a field a suite leaves out: the first 20 evaluations to 1e-3, and so on. */
    public static final Tolerances DEFAULT = new Tolerances(0.9999, 1e-3, null, List.of(new LossBand(20, 1e-3)), 30);

    public Tolerances {
        if (!(gradientCosine <= 1) || !(gradientRelL2 >= 0) || gradientRelL2Float64 != null
                && !(gradientRelL2Float64 >= 0) || Double.isNaN(finalPsnr)) {
            throw new IllegalArgumentException("invalid tolerances: gradient_cosine must be <= 1, gradient_rel_l2 "
                    + "and gradient_rel_l2_float64 >= 0, final_psnr a number");
        }
        losses = List.copyOf(losses);
    }

    /**
     * The relative loss error of each of the first {@code evaluations} evaluations must be at most {@code rel}; an
     * evaluation's error is max(|Δstyle|, |Δcontent|, |Δtotal|) / |total_ref|.
     */
    public record LossBand(int evaluations, double rel) {
        public LossBand {
            if (evaluations < 1 || !(rel >= 0)) {
                throw new IllegalArgumentException("a loss band needs evaluations >= 1 and rel >= 0");
            }
        }

        @JsonCreator
        static LossBand fromJson(@JsonProperty(value = "evaluations", required = true) Integer evaluations,
                                 @JsonProperty(value = "rel", required = true) Double rel) {
            return new LossBand(evaluations, rel);
        }
    }

    /** The number of leading evaluations the loss bands cover. */
    public int lossEvaluations() {
        return losses.stream().mapToInt(LossBand::evaluations).max().orElse(0);
    }

    @JsonCreator
    static Tolerances fromJson(@JsonProperty("gradient_cosine") Double gradientCosine,
                               @JsonProperty("gradient_rel_l2") Double gradientRelL2,
                               @JsonProperty("gradient_rel_l2_float64") Double gradientRelL2Float64,
                               @JsonProperty("losses") List<LossBand> losses,
                               @JsonProperty("final_psnr") Double finalPsnr) {
        return new Tolerances(
                gradientCosine != null ? gradientCosine : DEFAULT.gradientCosine,
                gradientRelL2 != null ? gradientRelL2 : DEFAULT.gradientRelL2,
                gradientRelL2Float64,
                losses != null ? losses : DEFAULT.losses,
                finalPsnr != null ? finalPsnr : DEFAULT.finalPsnr);
    }
}
