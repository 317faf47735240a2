package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stage of a coarse-to-fine schedule: the working size (shorter side, pixels) and the run length at that size.
 *
 * @param size  the shorter side of the image at this stage (16 to 16384, as {@code size})
 * @param steps the evaluation budget of this stage (>= 1), counted like {@code steps}
 */
public record ScheduleStage(int size, int steps) {

    public ScheduleStage {
        Checks.between(size, ImageSize.MIN, ImageSize.MAX, "$.size");
        Checks.atLeast(steps, 1, "$.steps");
    }

    @JsonCreator
    static ScheduleStage fromJson(@JsonProperty("size") Integer size, @JsonProperty("steps") Integer steps) {
        return new ScheduleStage(Checks.required(size, "$.size"), Checks.required(steps, "$.steps"));
    }
}
