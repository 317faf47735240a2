package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.PoolingSwap;
import io.github.neuralstyle4j.config.Pooling;
import org.nd4j.linalg.factory.Nd4j;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What runs share on one backbone and device: the runtime, the backbone's graph per pooling, and the sessions of
 * recent image sizes ({@link SessionCache}). Owns the sessions; the backbone belongs to the caller.
 */
public final class RunResources implements AutoCloseable {

    private final Backbone backbone;
    private final OrtRuntime runtime;
    private final SessionCache sessions;
    private final Map<Pooling, FeatureGraph> graphs = new EnumMap<>(Pooling.class);

    /**
     * @param sessionSets how many sets of sessions (image sizes) stay open between runs
     * @throws EngineException if the device cannot be used (e.g. CUDA without the GPU build)
     */
    public RunResources(Backbone backbone, ExecutionOptions options, int sessionSets) {
        this.backbone = backbone;
        this.runtime = new OrtRuntime(options);
        if (options.threads() > 0) {
            Nd4j.getEnvironment().setMaxMasterThreads(options.threads());
            Nd4j.getEnvironment().setMaxThreads(options.threads());
            // OpenBLAS's own pool (the Gram matrices): the environment's limit above does not reach it (measured:
            // with only that, a 1-thread run's GEMMs took two cores' CPU time)
            Nd4j.factory().blas().setMaxThreads(options.threads());
        }
        this.sessions = new SessionCache(runtime, sessionSets);
    }

    public Backbone backbone() {
        return backbone;
    }

    public OrtRuntime runtime() {
        return runtime;
    }

    public ExecutionOptions options() {
        return runtime.options();
    }

    /** The backbone's graph, with its max pooling swapped for average pooling when asked. */
    public FeatureGraph graph(Pooling pooling) {
        return graphs.computeIfAbsent(pooling, p -> p == Pooling.AVG ? PoolingSwap.toAverage(backbone.graph())
                : backbone.graph());
    }

    /** The sessions for these taps at this size; owned by this object, not the caller. */
    public TapSessions sessions(Pooling pooling, GramPlacement placement, List<String> contentTaps,
                                List<String> styleTaps, long height, long width) {
        return sessions.sessions(graph(pooling), placement, contentTaps, styleTaps, height, width);
    }

    /**
     * Closes the sessions kept from earlier runs and stages. A schedule calls it between stages: the memory plan
     * counts one stage's sessions at a time, and an earlier stage's size does not come back in the same run.
     */
    public void closeSessions() {
        sessions.clear();
    }

    /** Closes the sessions of every image size but these: see {@link SessionCache#retainSizes}. */
    public void retainSessions(java.util.Collection<io.github.neuralstyle4j.image.Resize.Size> sizes) {
        sessions.retainSizes(sizes);
    }

    /** How many sets of sessions are open. */
    public int openSessionSets() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.close();
    }
}
