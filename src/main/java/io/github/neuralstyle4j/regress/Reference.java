package io.github.neuralstyle4j.regress;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * {@code reference.json}, written by {@code tools/make_reference.py}: the PyTorch run of a case. Fields this class
 * does not name (the thread count, notes) are informative and ignored.
 *
 * @param generator      the script that wrote it
 * @param torchVersion   the PyTorch version that ran it
 * @param backbone       the backbone's name
 * @param backboneSha256 SHA-256 of the backbone's {@code features.onnx}: the reference holds for these weights only
 * @param width          image width in pixels
 * @param height         image height in pixels
 * @param evaluations    closure calls of the run
 * @param losses         every evaluation's losses, weighted as the seed prints them
 * @param gradient       dL/dx at the start point (the content image), raw little-endian float32
 * @param finalImage     the final clamped image, 8-bit PNG, {@code round(x·255)}
 * @param float64        the same run in float64, or null when the reference was made without it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reference(String generator, String torchVersion, String backbone, String backboneSha256, int width,
                        int height, int evaluations, List<Loss> losses, GradientFile gradient, String finalImage,
                        Float64 float64) {

    public Reference {
        losses = losses == null ? List.of() : List.copyOf(losses);
    }

    /** One evaluation's losses. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Loss(int evaluation, double style, double content, double total) {
    }

    /**
     * The reference's float64 run: what float32 rounding alone does to the seed's run.
     *
     * @param gradient      its dL/dx at the start point, stored as float32
     * @param losses        its losses
     * @param versusFloat32 how far the float32 run lies from it, in this package's measures
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Float64(GradientFile gradient, List<Loss> losses, Comparison versusFloat32) {
        public Float64 {
            losses = losses == null ? List.of() : List.copyOf(losses);
        }
    }

    /** The float32 run measured against the float64 run (first 20 evaluations for the losses). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comparison(@JsonProperty("gradient_cosine") double gradientCosine,
                             @JsonProperty("gradient_rel_l2") double gradientRelL2,
                             @JsonProperty("loss_rel_max_first_20") double lossRelMaxFirst20,
                             @JsonProperty("loss_evaluations_within_1e-3") int lossEvaluationsWithin1e3,
                             @JsonProperty("final_psnr") double finalPsnr) {
    }

    /** A raw float32 tensor file next to {@code reference.json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GradientFile(String file, List<Integer> shape) {
        public long length() {
            return shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        }
    }
}
