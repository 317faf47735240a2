package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;

/** Creates ONNX Runtime sessions for one {@link ExecutionOptions}; the environment is the process-wide one. */
public final class OrtRuntime {

    private final OrtEnvironment env = io.github.neuralstyle4j.backbone.OrtStartup.environment();
    private final ExecutionOptions options;

    public OrtRuntime(ExecutionOptions options) {
        this.options = options;
        if (options.cuda() && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            throw new EngineException("device " + options.deviceName() + " requested, but this build of ONNX Runtime"
                    + " has no CUDA support: rebuild with 'mvn -Pgpu package' (ONNX Runtime GPU, CUDA 12, cuDNN 9)"
                    + " on a machine with an NVIDIA GPU, or use --device cpu");
        }
    }

    public OrtEnvironment environment() {
        return env;
    }

    public ExecutionOptions options() {
        return options;
    }

    public OrtSession session(ModelProto model, String what) {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (options.threads() > 0) {
                so.setIntraOpNumThreads(options.threads());
            }
            so.setInterOpNumThreads(1);
            // ORT's pool threads otherwise spin after each run and steal the cores ND4J needs for the losses
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            // The memory pattern adds one block for the whole planned run on top of the arena chunks the first run
            // allocated, which are never returned: at 682×512, 2.83 GB peak RSS with it, 2.30 GB without, and no
            // measurable change in speed (the shapes are fixed, so the arena reuses its chunks on every run).
            so.setMemoryPatternOptimization(false);
            if (options.cuda()) {
                try (OrtCUDAProviderOptions cuda = cudaOptions(options.cudaDevice())) {
                    so.addCUDA(cuda);
                    return env.createSession(model.toByteArray(), so);
                }
            }
            return env.createSession(model.toByteArray(), so);
        } catch (OrtException e) {
            throw new EngineException("ONNX Runtime cannot load the " + what + " graph: " + e.getMessage(), e);
        }
    }

    /**
     * The CUDA execution provider's settings (keys of ORT's CUDA EP documentation). A run keeps one image size,
     * so each convolution's cuDNN algorithm is searched once, exhaustively, on the first evaluation and reused.
     */
    static OrtCUDAProviderOptions cudaOptions(int device) throws OrtException {
        OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device);
        try {
            cuda.add("cudnn_conv_algo_search", "EXHAUSTIVE");
            // cuDNN may use as much workspace as its fastest algorithm needs (the device has room: one image)
            cuda.add("cudnn_conv_use_max_workspace", "1");
            // the arena grows by what is asked, not to the next power of two: a 512 px run's largest tensors
            // (64 MiB each) would otherwise reserve up to twice their size
            cuda.add("arena_extend_strategy", "kSameAsRequested");
            // copies ordered with the kernels on one stream: the Java API has no IOBinding, so every input and
            // output is a copy, and a separate copy stream buys nothing but possible races
            cuda.add("do_copy_in_default_stream", "1");
            // full float32 in convolutions and GEMMs, so a CUDA run agrees with the CPU and the PyTorch references
            // (TF32 keeps 10 mantissa bits: relative errors of ~1e-3)
            cuda.add("use_tf32", "0");
            return cuda;
        } catch (OrtException | RuntimeException e) {
            cuda.close();
            throw e;
        }
    }
}
