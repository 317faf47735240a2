package io.github.neuralstyle4j.api;

/**
 * Where the graphs of a {@link StyleTransfer} run: the CPU, or a CUDA device through ONNX Runtime's CUDA execution
 * provider (which needs the {@code -Pgpu} build).
 *
 * @param cuda  true for a CUDA device
 * @param index the CUDA device index (0 for the CPU)
 */
public record Device(boolean cuda, int index) {

    private static final Device CPU = new Device(false, 0);

    /** @throws IllegalArgumentException if the index is negative, or non-zero for the CPU */
    public Device {
        if (index < 0 || (!cuda && index != 0)) {
            throw new IllegalArgumentException("device index must be >= 0 (and 0 for the cpu), got " + index);
        }
    }

    /** The CPU. */
    public static Device cpu() {
        return CPU;
    }

    /** CUDA device {@code index}. */
    public static Device cuda(int index) {
        return new Device(true, index);
    }

    /** {@code cpu} or {@code cuda:N}, as the command line writes it. */
    @Override
    public String toString() {
        return cuda ? "cuda:" + index : "cpu";
    }
}
