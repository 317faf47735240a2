package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The working image size in pixels (the tutorial's {@code imsize}) per kind of device. The tutorial uses a small image
 * on the CPU and a large one on the GPU, so one file serves both; a single number in the file means the same size on
 * both.
 *
 * @param cpu  size when running on the CPU
 * @param cuda size when running on a CUDA device
 */
public record ImageSize(int cpu, int cuda) {
    /** Below this the deepest VGG layers see a feature map of 1x1 or less. */
    public static final int MIN = 16;
    /** A guard against typos (an extra zero) that would otherwise run out of memory minutes later. */
    public static final int MAX = 16384;

    public static final int DEFAULT_CPU = 128;
    public static final int DEFAULT_CUDA = 512;
    public static final ImageSize DEFAULT = new ImageSize(DEFAULT_CPU, DEFAULT_CUDA);

    public ImageSize {
        Checks.between(cpu, MIN, MAX, "$.cpu");
        Checks.between(cuda, MIN, MAX, "$.cuda");
    }

    /** The same size on every device. */
    public static ImageSize uniform(int size) {
        // checked here so that a bad "size": 8 is reported at $.size, not at $.size.cpu
        Checks.between(size, MIN, MAX, JsonPaths.ROOT);
        return new ImageSize(size, size);
    }

    /** The size to use on {@code device}. */
    public int forDevice(DeviceSpec device) {
        return device.isCuda() ? cuda : cpu;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ImageSize fromJson(int size) {
        return uniform(size);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static ImageSize fromJson(@JsonProperty("cpu") Integer cpu, @JsonProperty("cuda") Integer cuda) {
        return new ImageSize(cpu != null ? cpu : DEFAULT_CPU, cuda != null ? cuda : DEFAULT_CUDA);
    }
}
