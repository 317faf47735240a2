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
 * @param format         1 (or absent): the reference run is float32; 2: it is float64, with a float32 floor
 * @param precision      the reference run's precision, {@code float32} or {@code float64}
 * @param generator      the script that wrote it
 * @param torchVersion   the PyTorch version that ran it
 * @param backbone       the backbone's name
 * @param backboneSha256 SHA-256 of the backbone's {@code features.onnx}: the reference holds for these weights only
 * @param width          image width in pixels
 * @param height         image height in pixels
 * @param evaluations    closure calls of the run
 * @param losses         every evaluation's losses of the reference run, weighted as the seed prints them
 * @param gradient       its dL/dx at the first evaluation, raw little-endian float32
 * @param finalImage     its written image, 8-bit PNG, {@code round(clamp(x)·255)}
 * @param float64        format 1: the same run in float64, or null when the reference was made without it
 * @param float32Floor   format 2: float32 runs (as configured, and from starts changed by a rounding-sized amount)
 *                       measured against the float64 run, the floor that neuralstyle4j's bounds are multiples of
 * @param ties           format 2: max-pool windows holding ties at the start point (float64), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Reference(int format, String precision, String generator, String torchVersion, String backbone,
                        String backboneSha256, int width, int height, int evaluations, List<Loss> losses,
                        GradientFile gradient, String finalImage, Float64 float64, Float32Floor float32Floor,
                        Ties ties) {

    public Reference {
        losses = losses == null ? List.of() : List.copyOf(losses);
    }

    /**
     * Format 2: the reference run (losses, gradient, final image) is PyTorch's float64 run, and neuralstyle4j is held to
     * multiples of the float32 floor; format 1: the reference run is PyTorch's float32 run.
     */
    public boolean judgedAgainstFloat64() {
        return format >= 2 && "float64".equals(precision) && float32Floor != null && !float32Floor.runs().isEmpty();
    }

    /** One evaluation's losses; {@code tv} is 0 in a run without a total-variation term (and in format 1). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Loss(int evaluation, double style, double content, double tv, double total) {
        /** A loss without a total-variation term. */
        public Loss(int evaluation, double style, double content, double total) {
            this(evaluation, style, content, 0, total);
        }
    }

    /**
     * The float64 run of a format-1 reference: what float32 rounding alone does to the seed's run.
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

    /** PyTorch's own float32 runs of the case, each measured against its float64 run; the first is as configured. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Float32Floor(@JsonProperty("runs") List<FloorRun> runs) {
        public Float32Floor {
            runs = runs == null ? List.of() : List.copyOf(runs);
        }
    }

    /**
     * One float32 run of the floor.
     *
     * @param start              how its start point was made (as configured, or changed by a rounding-sized amount)
     * @param evaluations        its closure calls
     * @param losses             its losses
     * @param finalDistanceRatio |final − final₆₄| / |content − final₆₄| over the 8-bit values
     * @param gradientRelL2      its dL/dx at the first evaluation against the float64 run's (NaN if not recorded)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FloorRun(String start, int evaluations, List<Loss> losses, double finalDistanceRatio,
                           Double gradientRelL2) {
        public FloorRun {
            losses = losses == null ? List.of() : List.copyOf(losses);
        }
    }

    /** Max-pool windows at the start point whose positive maximum is shared: exactly, or to rounding. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ties(long windows, long tied, long nearTied) {
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
