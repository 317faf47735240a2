package io.github.neuralstyle4j.engine;

/**
 * Where and how the graphs run.
 *
 * @param cuda       use ONNX Runtime's CUDA execution provider (needs the {@code -Pgpu} build)
 * @param cudaDevice the CUDA device index
 * @param threads    intra-op threads for ONNX Runtime and ND4J; 0 lets each choose (all cores)
 */
public record ExecutionOptions(boolean cuda, int cudaDevice, int threads) {

    public ExecutionOptions {
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("cuda device index must be >= 0, got " + cudaDevice);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    public static ExecutionOptions cpu() {
        return new ExecutionOptions(false, 0, 0);
    }

    public String deviceName() {
        return cuda ? "cuda:" + cudaDevice : "cpu";
    }
}
