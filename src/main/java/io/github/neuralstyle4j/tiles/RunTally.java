package io.github.neuralstyle4j.tiles;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.engine.EvaluationListener;
import io.github.neuralstyle4j.engine.RunImages;
import io.github.neuralstyle4j.image.RgbImage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiled run's evaluations over all its stages and tiles: passes each to the request's listener and the engine
 * listener, keeps them for the result, and gives the listener a snapshot of the whole image when
 * {@link Request#snapshotEvery()} evaluations have passed since the last one (checked after each tile and stage).
 */
final class RunTally {

    private final Request request;
    private final EvaluationListener engine;
    private final List<Evaluation> losses = new ArrayList<>();
    private int lastSnapshot;

    RunTally(Request request, EvaluationListener engine) {
        this.request = request;
        this.engine = engine;
    }

    /** The listener the stage and tile runs report to. */
    EvaluationListener listener() {
        return new EvaluationListener() {
            @Override
            public void onEvaluation(Evaluation e) {
                losses.add(e);
                request.listener().onEvaluation(e);
                engine.onEvaluation(e);
            }

            @Override
            public void onEvaluation(Evaluation e, INDArray point, INDArray gradient) {
                losses.add(e);
                request.listener().onEvaluation(e);
                engine.onEvaluation(e, point, gradient);
            }

            @Override
            public void onStart(RunImages images) {
                engine.onStart(images);
            }
        };
    }

    /** A snapshot of {@code image} if one is due. */
    void snapshot(RgbImage image) {
        int every = request.snapshotEvery();
        if (every > 0 && losses.size() - lastSnapshot >= every) {
            lastSnapshot = losses.size();
            request.listener().onSnapshot(losses.size(), image);
        }
    }

    List<Evaluation> losses() {
        return List.copyOf(losses);
    }
}
