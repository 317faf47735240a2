package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.engine.Evaluation;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void aScheduleShowsItsStageAndTheOverallCount() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), new PrintWriter(err),
                List.of(new Progress.Stage(32, 40, false), new Progress.Stage(64, 60, false)), OptimizerSpec.DEFAULT,
                false, 10);
        p.onStage(0, 32, 32);
        for (int n = 1; n <= 30; n++) { // the first stage ends early, after 30 of its 40
            p.onEvaluation(new Evaluation(n, 1.0 / n, 0));
        }
        p.onStage(1, 64, 48);
        for (int n = 1; n <= 10; n++) {
            p.onEvaluation(new Evaluation(n, 1.0 / n, 0));
        }
        List<String> lines = err.toString().lines().toList();
        assertEquals(4, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("[stage 1/2 (32 px): 10/40 evaluations, overall 10/100 "), lines.get(0));
        // the second stage counts from 1 again; the overall total is what was done plus what is still planned
        assertTrue(lines.get(3).startsWith("[stage 2/2 (64 px): 10/60 evaluations, overall 40/90 "), lines.get(3));
        assertTrue(out.toString().contains("run [10]:"), out.toString());
    }

    @Test
    void aStopRuleMakesTheCountsUpperBounds() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(new StringWriter()), new PrintWriter(err),
                List.of(new Progress.Stage(32, 500, true)), OptimizerSpec.DEFAULT, false, 5);
        p.onStage(0, 32, 32);
        for (int n = 1; n <= 5; n++) {
            p.onEvaluation(new Evaluation(n, 1, 0));
        }
        assertTrue(err.toString().startsWith("[5/at most 500 evaluations "), err.toString());
    }

    @Test
    void printEveryZeroPrintsNoLossLines() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), new PrintWriter(new StringWriter()),
                List.of(new Progress.Stage(32, 100, false)), OptimizerSpec.DEFAULT, false, 0);
        p.onStage(0, 32, 32);
        for (int n = 1; n <= 100; n++) {
            p.onEvaluation(new Evaluation(n, 1, 0));
        }
        assertEquals("", out.toString());
    }
}
