package io.github.neuralstyle4j.cli;

import io.github.neuralstyle4j.config.OptimizerSpec;
import io.github.neuralstyle4j.config.RequestMapper;
import io.github.neuralstyle4j.config.ScheduleStage;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.api.RunListener;
import io.github.neuralstyle4j.engine.Evaluation;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints the seed's loss lines every N evaluations (50 as the seed; 0 = none), and the progress (evaluation count,
 * time per evaluation, time left) on stderr: as a live bar on a terminal, as a plain line with each loss line
 * otherwise (logs, CI). A coarse-to-fine schedule shows its stage's counter and the overall one. A loss jump over the
 * best so far gets a one-line warning ({@link LossJumpWarning}).
 */
final class Progress implements RunListener {

    /** The seed prints its losses every 50 steps. */
    static final int SEED_PRINT_EVERY = 50;

    /**
     * One stage's plan.
     *
     * @param size        the stage's image size (its shorter side)
     * @param evaluations the evaluations the stage will make, or at most makes when {@code upTo}
     * @param upTo        whether a stop rule can end the stage earlier
     * @param pixels      the pixels one evaluation works on (the stage's, or one tile's), for the time left
     * @param tiles       the stage's tiles, 1 full frame; {@code evaluations} counts them all
     */
    record Stage(int size, int evaluations, boolean upTo, long pixels, int tiles) {
        Stage(int size, int evaluations, boolean upTo) {
            this(size, evaluations, upTo, (long) size * size, 1);
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private List<Stage> stages;
    private final boolean quiet;
    private final int printEvery;
    private final LossJumpWarning jumps;
    private final boolean bar = System.console() != null;
    private int stage; // index into stages of the stage running
    private int overall; // evaluations of all stages so far
    private int doneBefore; // evaluations of the stages before this one
    private long stageStart = System.nanoTime();
    private int tileBase; // evaluations of this stage's finished tiles (planned, for tiles taken from the folder)
    private int made; // evaluations this stage made in this process
    private int tile = -1;
    private boolean barShown;

    Progress(PrintWriter out, PrintWriter err, List<Stage> stages, OptimizerSpec optimizer, boolean quiet,
             int printEvery) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one stage");
        }
        this.out = out;
        this.err = err;
        this.stages = List.copyOf(stages);
        this.quiet = quiet;
        this.printEvery = printEvery;
        this.jumps = new LossJumpWarning(optimizer);
    }

    /** The plan of {@code c}'s run, stage by stage. */
    static List<Stage> plan(StyleTransferConfig c) {
        List<ScheduleStage> stages = c.schedule().isEmpty() ? List.of(new ScheduleStage(c.imageSize(), c.steps()))
                : c.schedule();
        boolean upTo = c.stop().minImprovement() > 0;
        return stages.stream().map(s -> new Stage(s.size(), c.stop().hasBudget() ? c.stop().maxEvaluations()
                : loopEvaluations(c.optimizer(), s.steps()), upTo)).toList();
    }

    /** The evaluations the seed's loop makes for {@code steps} (see {@code api.OptimizerSpec.Lbfgs.evaluationsFor}). */
    static int loopEvaluations(OptimizerSpec o, int steps) {
        // Adam and NCG make exactly their budget of evaluations
        return o.name() == OptimizerSpec.Algorithm.LBFGS ? RequestMapper.optimizer(o).evaluationsFor(steps) : steps;
    }

    /** The stages of a run's plan, tiles included: each tile makes the stage's budget. */
    void usePlan(io.github.neuralstyle4j.tiles.TilePlan plan, List<Stage> configured) {
        List<Stage> withTiles = new java.util.ArrayList<>();
        for (int i = 0; i < plan.stages().size(); i++) {
            var p = plan.stages().get(i);
            Stage c = configured.get(Math.min(i, configured.size() - 1));
            long pixels = p.tiled() ? (long) p.layout().tileWidth() * p.layout().tileHeight()
                    : (long) p.width() * p.height();
            withTiles.add(new Stage(p.size(), c.evaluations() * p.runs(), c.upTo(), pixels, p.runs()));
        }
        stages = List.copyOf(withTiles);
    }

    @Override
    public void onStage(int index, int width, int height) {
        stage = Math.min(index, stages.size() - 1);
        doneBefore = overall;
        stageStart = System.nanoTime();
        tileBase = 0;
        made = 0;
        tile = -1;
        jumps.newStage();
    }

    @Override
    public void onTile(int stageIndex, int index, int tiles, boolean fromStore) {
        Stage s = stages.get(stage);
        tileBase = overall - doneBefore;
        tile = index;
        if (fromStore) {
            // a finished tile: its planned evaluations count as done, without time
            overall += s.evaluations() / Math.max(1, s.tiles());
            tileBase = overall - doneBefore;
        }
        jumps.newStage();
        if (!quiet && !bar && tileBase > 0) {
            // logs get a line per tile: a tile's evaluations rarely reach the loss lines' interval
            err.println("[" + status(tileBase) + "]");
            err.flush();
        }
    }

    @Override
    public void onEvaluation(Evaluation e) {
        overall++;
        made++;
        String warning = jumps.check(e);
        if (warning != null) {
            clearBar();
            err.println(warning);
            err.flush();
        }
        if (quiet) {
            return;
        }
        String status = status(tileBase + e.number());
        if (printEvery > 0 && e.number() % printEvery == 0) {
            clearBar();
            out.printf("run [%d]:%nStyle Loss : %f Content Loss: %f%n%n", e.number(), e.style(), e.content());
            out.flush();
            if (!bar) {
                err.println("[" + status + "]");
                err.flush();
            }
        }
        if (bar) {
            int total = overallTotal(tileBase + e.number());
            int filled = (int) (30L * overall / total);
            err.printf("\r[%s%s] %s ", "#".repeat(filled), ".".repeat(30 - filled), status);
            err.flush();
            barShown = true;
        }
    }

    /** Shown even with --quiet: it is about files the user asked for. */
    @Override
    public void onWarning(String message) {
        clearBar();
        err.println("neuralstyle: warning: " + message);
        err.flush();
    }

    /** Evaluations of the whole run: those made before this stage, this stage's and the later stages' plans. */
    private int overallTotal(int number) {
        int total = doneBefore + Math.max(stages.get(stage).evaluations(), number);
        for (int i = stage + 1; i < stages.size(); i++) {
            total += stages.get(i).evaluations();
        }
        return total;
    }

    /**
     * "stage 2/3 (256 px): 50/120 evaluations, overall 170/400  0.500 s/eval  1m05s left", or without a schedule
     * "50/320 evaluations  0.500 s/eval  2m15s left"; "at most" where a stop rule can end the run sooner.
     */
    String status(int number) {
        Stage s = stages.get(stage);
        double perEval = (System.nanoTime() - stageStart) / 1e9 / Math.max(1, made);
        int stageTotal = Math.max(s.evaluations(), number);
        // later stages are larger: their evaluations cost about their pixels / this stage's of this stage's
        double left = perEval * (stageTotal - number);
        for (int i = stage + 1; i < stages.size(); i++) {
            left += perEval * stages.get(i).pixels() / s.pixels() * stages.get(i).evaluations();
        }
        String upTo = s.upTo() ? "at most " : "";
        String counter = stages.size() == 1 && s.tiles() == 1
                ? String.format("%d/%s%d evaluations", number, upTo, stageTotal)
                : String.format("stage %d/%d (%d px%s): %d/%s%d evaluations, overall %d/%s%d", stage + 1,
                        stages.size(), s.size(), tile >= 0 ? ", tile " + (tile + 1) + "/" + s.tiles() : "", number,
                        upTo, stageTotal, overall, upTo, overallTotal(number));
        return String.format("%s  %.3f s/eval  %s%s left", counter, perEval, upTo.isEmpty() ? "" : "at most ",
                duration(left));
    }

    void finish() {
        clearBar();
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r" + " ".repeat(79) + "\r");
            err.flush();
            barShown = false;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
