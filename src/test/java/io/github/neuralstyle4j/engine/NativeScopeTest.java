package io.github.neuralstyle4j.engine;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.gradient.BackwardMode;
import io.github.neuralstyle4j.gradient.GradientGraphBuilder;
import io.github.neuralstyle4j.gradient.TappedGraphs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One owner for native resources: what a scope closes, and what a failed construction releases. */
class NativeScopeTest {

    @Test
    void closesNewestFirstAndEveryOneEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("b failed");
        NativeScope scope = new NativeScope();
        scope.own(() -> closed.add("a"));
        scope.own(() -> {
            closed.add("b");
            throw failure;
        });
        scope.own(() -> closed.add("c"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, scope::close);
        assertSame(failure, thrown);
        assertEquals(List.of("c", "b", "a"), closed);
        assertEquals(0, scope.size());
    }

    @Test
    void releaseHandsTheResourcesOver() {
        List<String> closed = new ArrayList<>();
        try (NativeScope scope = new NativeScope()) {
            scope.own(() -> closed.add("a"));
            scope.release();
        }
        assertEquals(List.of(), closed);
    }

    @Test
    void aSessionThatFailsToOpenReleasesTheOneOpenedBefore() {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        TappedGraphs graphs = GradientGraphBuilder.build(graph, List.of("c2"), 6, 5, BackwardMode.GRADIENT);
        List<OrtSession> opened = new ArrayList<>();
        EngineException e = assertThrows(EngineException.class, () -> TapSessions.open(runtime, graph, graphs,
                (model, what) -> {
                    if (what.equals("gradient")) {
                        throw new EngineException("ONNX Runtime cannot load the gradient graph: injected");
                    }
                    OrtSession s = runtime.session(model, what);
                    opened.add(s);
                    return s;
                }));
        assertTrue(e.getMessage().contains("injected"));
        assertEquals(1, opened.size());
        // a closed ORT session refuses to run; an open one (the leak this guards against) would run
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> opened.get(0).run(Map.of()));
        assertTrue(refused.getMessage().toLowerCase().contains("closed"), refused.getMessage());
    }

    @Test
    void sessionsThatOpenAreUsableAndClosedWithTheirOwner() throws OrtException {
        FeatureGraph graph = new FeatureGraph(StyleTransferObjectiveTest.smoothNetwork(), "image");
        OrtRuntime runtime = new OrtRuntime(new ExecutionOptions(false, 0, 1));
        TappedGraphs graphs = GradientGraphBuilder.build(graph, List.of("c2"), 6, 5, BackwardMode.GRADIENT);
        List<OrtSession> opened = new ArrayList<>();
        TapSessions sessions = TapSessions.open(runtime, graph, graphs, (model, what) -> {
            OrtSession s = runtime.session(model, what);
            opened.add(s);
            return s;
        });
        sessions.close();
        assertEquals(2, opened.size());
        for (OrtSession s : opened) {
            assertThrows(IllegalStateException.class, () -> s.run(Map.of()));
        }
    }
}
