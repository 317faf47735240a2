package io.github.neuralstyle4j.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

/** Creates ONNX Runtime sessions for one {@link ExecutionOptions}; the environment is the process-wide one. */
public final class OrtRuntime {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
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
                so.addCUDA(options.cudaDevice());
            }
            return env.createSession(model.toByteArray(), so);
        } catch (OrtException e) {
            throw new EngineException("ONNX Runtime cannot load the " + what + " graph: " + e.getMessage(), e);
        }
    }
}
