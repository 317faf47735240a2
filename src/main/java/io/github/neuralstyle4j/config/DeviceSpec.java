package io.github.neuralstyle4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where to run: the CPU, or one CUDA device. Written as PyTorch writes it: {@code cpu}, {@code cuda} (device 0) or
 * {@code cuda:N}.
 *
 * @param kind  CPU or CUDA
 * @param index the CUDA device ordinal; always 0 for the CPU
 */
public record DeviceSpec(Kind kind, int index) {

    /** The kind of processor. */
    public enum Kind {
        CPU,
        CUDA
    }

    public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, 0);

    static final String VALID_FORMS = "cpu, cuda, cuda:N (N >= 0)";

    // digits only (no sign, no spaces); nine at most so the ordinal always fits in an int
    private static final Pattern CUDA = Pattern.compile("cuda(?::([0-9]{1,9}))?");

    public DeviceSpec {
        Objects.requireNonNull(kind, "kind");
        if (index < 0) {
            throw new ConfigException(null, JsonPaths.ROOT, "device index must be >= 0, got " + index);
        }
        if (kind == Kind.CPU && index != 0) {
            throw new ConfigException(null, JsonPaths.ROOT, "the cpu has no device index, got " + index);
        }
    }

    /** CUDA device {@code index}. */
    public static DeviceSpec cuda(int index) {
        return new DeviceSpec(Kind.CUDA, index);
    }

    /**
     * Parses {@code cpu}, {@code cuda} or {@code cuda:N}.
     *
     * @throws ConfigException naming the valid forms
     */
    @JsonCreator
    public static DeviceSpec parse(String text) {
        if ("cpu".equals(text)) {
            return CPU;
        }
        Matcher m = text == null ? null : CUDA.matcher(text);
        if (m == null || !m.matches()) {
            throw new ConfigException(null, JsonPaths.ROOT,
                    "unknown device '" + text + "'; valid forms are: " + VALID_FORMS);
        }
        return cuda(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    /** The canonical form, which {@link #parse} reads back: {@code cpu} or {@code cuda:N}. */
    @JsonValue
    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
