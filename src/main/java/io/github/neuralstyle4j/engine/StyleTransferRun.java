package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.api.Convergence;
import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.losses.ContentLoss;
import io.github.neuralstyle4j.losses.FeatureLoss;
import io.github.neuralstyle4j.losses.GuidanceChannel;
import io.github.neuralstyle4j.losses.MaskedContentLoss;
import io.github.neuralstyle4j.losses.NormalizedGradient;
import io.github.neuralstyle4j.optim.ClampEachEvaluation;
import io.github.neuralstyle4j.optim.EvaluationTarget;
import io.github.neuralstyle4j.optim.ImageOptimizer;
import io.github.neuralstyle4j.optim.OptimizerState;
import io.github.neuralstyle4j.optim.ProjectedGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One style transfer as the seed runs it: prepare the images ({@link RunImages}), compute the targets (content
 * features, blended style Grams: {@link StyleTargets}) once, start from the request's start image (the content, as
 * the seed) or a given one, and run the requested optimiser (L-BFGS by default) with clamping to [0,1]. The run's
 * arrays, loss targets and optimiser state live in one {@link NativeScope}, released when it returns or fails.
 */
public final class StyleTransferRun {

    /**
     * What a run produced; {@code seconds} covers the optimisation only.
     *
     * @param image         the image to write: {@code lastStepImage}, or the best evaluated point when that is better
     * @param result        the losses of {@code image}
     * @param fromBest      true when {@code image} is the best evaluated point rather than the optimiser's last one
     * @param lastStepImage the seed's output: the optimiser's point after its last step, clamped to [0,1], whether
     *                      or not it is better (what a comparison with the seed's PyTorch run must use)
     * @param finalState    the optimiser's state at the end, for a checkpoint; null unless the start asked for it
     *                      and the optimiser's loop ended the run
     * @param stoppedBy     why the request's {@link io.github.neuralstyle4j.config.StopRule} ended the run, or null
     *                      when the optimiser's loop did
     */
    public record Outcome(RgbImage image, Evaluation result, boolean fromBest, RgbImage lastStepImage,
                          List<Evaluation> losses, double seconds, PhaseTimes times, int width, int height,
                          String device, String backbone, OptimizerState finalState, String stoppedBy) {

        public int evaluations() {
            return losses.size();
        }

        public Evaluation last() {
            return losses.get(losses.size() - 1);
        }
    }

    /**
     * Where a run starts when not from the request's start image: a given image (a coarser stage's upsampled result,
     * a checkpoint's image), optionally with the optimiser state to continue from.
     *
     * @param image          the start image at the run's working size, or null for the request's start image
     * @param resume         the optimiser state to continue from, or null to start afresh
     * @param keepFinalState hand the final optimiser state back in {@link Outcome#finalState()}
     */
    public record Start(RgbImage image, OptimizerState resume, boolean keepFinalState) {
        /** From the request's start image, without optimiser state. */
        public static final Start FRESH = new Start(null, null, false);
    }

    private StyleTransferRun() {
    }

    /**
     * One run of {@code request} at one size and budget (one stage of a schedule), stopping early, with the best
     * image so far, when the request's stop is asked for or the loss or gradient stops being finite. Every native
     * array it allocates is released before it returns; the sessions belong to {@code resources}.
     *
     * @param size   the content's shorter side for this run
     * @param budget the evaluation budget
     * @throws RunInterruptedException when the run ended early; it carries the best image so far
     */
    public static Outcome run(Request request, int size, int budget, RunResources resources,
                              EvaluationListener listener, Start start) {
        Backbone backbone = resources.backbone();
        ExecutionOptions options = resources.options();
        RunImages images = RunImages.prepare(request, size);
        int w = images.width();
        int h = images.height();
        listener.onStart(images);

        Map<String, Double> contentLayers = request.contentLayers();
        Map<String, Double> styleLayers = request.styleLayers();
        List<String> contentTaps = contentLayers.keySet().stream().map(backbone::tensorFor).distinct().toList();
        List<String> styleTaps = styleLayers.keySet().stream().map(backbone::tensorFor).distinct().toList();
        GramPlacement grams = GramPlacement.of(request.gramInGraph() != null ? request.gramInGraph()
                : options.cuda() && !request.convergence().normalizeGradients() && !request.spatial().masksStyles());

        if (start.image() != null && (start.image().width() != w || start.image().height() != h)) {
            throw new IllegalArgumentException("the start image is " + start.image().width() + "×"
                    + start.image().height() + " but the run works at " + w + "×" + h);
        }
        FeatureGraph graph = resources.graph(request.pooling());
        TapSessions sessions = resources.sessions(request.pooling(), grams, contentTaps, styleTaps, h, w);
        StopRequest stop = request.stop();
        List<Evaluation> losses = new ArrayList<>();
        try (NativeScope scope = new NativeScope()) {
            INDArray contentArray = scope.own(toArray(images.networkContent()));
            INDArray startPoint = scope.own(toArray(start.image() != null ? images.toNetwork(start.image())
                    : images.start()));
            List<StyleTransferObjective.Term> contentTerms = new ArrayList<>();
            try (TapSessions.ForwardPass ignored = sessions.forward(contentArray)) {
                contentLayers.forEach((layer, weight) -> {
                    String tap = backbone.tensorFor(layer);
                    contentTerms.add(new StyleTransferObjective.Term(tap,
                            scope.own(contentLoss(sessions, tap, images.contentMask())),
                            request.contentWeight() * weight));
                });
            }
            StopRuleWatch stopRule = new StopRuleWatch(request.convergence().stopRule());
            List<StyleTransferObjective.Term> styleTerms = StyleTargets.terms(styleLayers, request.styleWeight(),
                    request.styleNormalization(), styleLayers.keySet().stream().map(backbone::tensorFor).toList(),
                    graph, resources.runtime(), sessions, grams, images.styles(), images.blendWeights(),
                    images.styleMasks());
            styleTerms.forEach(t -> scope.own(t.loss()));

            boolean normalize = request.convergence().normalizeGradients();
            StyleTransferObjective objective = scope.own(new StyleTransferObjective(sessions,
                    normalize ? normalized(styleTerms, scope) : styleTerms,
                    normalize ? normalized(contentTerms, scope) : contentTerms,
                    request.tvWeight(), request.imageTerm(), new EvaluationListener() {
                        @Override
                        public void onEvaluation(Evaluation e) {
                            losses.add(e);
                            listener.onEvaluation(e);
                            stopIfRequested(stop, e);
                            stopRule.check(e);
                        }

                        @Override
                        public void onEvaluation(Evaluation e, INDArray point, INDArray gradient) {
                            losses.add(e);
                            listener.onEvaluation(e, point, gradient);
                            stopIfRequested(stop, e);
                            stopRule.check(e);
                        }
                    }));
            long startTime = System.nanoTime();
            INDArray last;
            OptimizerState finalState;
            ImageOptimizer optimizer = scope.own(Optimizers.of(request.optimizer(), start.resume(),
                    start.keepFinalState()));
            try {
                if (stop.isRequested()) { // asked while the sessions and targets were being prepared
                    throw new StopRequestedException(stop.reason(), 0);
                }
                ClampEachEvaluation box = new ClampEachEvaluation(0, 1);
                // an exact budget is the stop rule's to enforce (it counts this run's evaluations): the optimiser's
                // own loop must not end first
                Convergence convergence = request.convergence();
                int target = convergence.stopRule().hasBudget() ? Integer.MAX_VALUE : budget;
                last = scope.own(optimizer.minimize(convergence.projectedGradient()
                        ? new ProjectedGradient(objective, box) : objective, startPoint, new EvaluationTarget(target),
                        box));
                finalState = optimizer.finalState();
            } catch (StopRuleMetException e) {
                return bestSoFar(objective, losses, startTime, w, h, options, backbone, images, e.getMessage());
            } catch (NonFiniteLossException | StopRequestedException e) {
                Outcome best = bestSoFar(objective, losses, startTime, w, h, options, backbone, images);
                throw new RunInterruptedException(e.getMessage(), best, e instanceof StopRequestedException, e);
            }
            // The seed's image is the point after the last L-BFGS step, which its loop never evaluates; without a
            // line search that step can jump far uphill (PyTorch does the same). Score it once and fall back to
            // the best evaluated image if it is worse, so the written image is never one the run did not earn.
            if (objective.bestEvaluation() == null) {
                // a resumed state that already used the whole budget: the optimiser had nothing left to do
                throw new EngineException("the run made no evaluation: the state it resumes from already used its"
                        + " budget of " + budget + " evaluations; give a larger budget");
            }
            Evaluation lastScore = objective.score(last);
            boolean fromBest = lastScore.total() > objective.bestEvaluation().total();
            INDArray chosen = fromBest ? objective.bestPoint() : last;
            Evaluation result = fromBest ? objective.bestEvaluation() : lastScore;
            double seconds = (System.nanoTime() - startTime) / 1e9;
            RgbImage lastStepImage = images.toOutput(RgbImage.of(w, h, last.data().asFloat()));
            RgbImage image = fromBest ? images.toOutput(RgbImage.of(w, h, chosen.data().asFloat())) : lastStepImage;
            return new Outcome(image, result, fromBest, lastStepImage, List.copyOf(losses), seconds, objective.times(),
                    w, h, options.deviceName(), backbone.manifest().name(), finalState, null);
        }
    }

    /** Checked after each evaluation, so an evaluation is never cut in half and the best point stays consistent. */
    private static void stopIfRequested(StopRequest stop, Evaluation e) {
        if (stop.isRequested()) {
            throw new StopRequestedException(stop.reason(), e.number());
        }
    }

    /** The best evaluated image as the outcome of an interrupted run, or null when no evaluation finished. */
    private static Outcome bestSoFar(StyleTransferObjective objective, List<Evaluation> losses, long startTime, int w,
                                     int h, ExecutionOptions options, Backbone backbone, RunImages images) {
        return bestSoFar(objective, losses, startTime, w, h, options, backbone, images, null);
    }

    /**
     * The best evaluated image as an outcome, or null when no evaluation finished; {@code stopRule} says why the
     * stop rule ended the run (null when it did not).
     */
    private static Outcome bestSoFar(StyleTransferObjective objective, List<Evaluation> losses, long startTime, int w,
                                     int h, ExecutionOptions options, Backbone backbone, RunImages images,
                                     String stopRule) {
        INDArray best = objective.bestPoint();
        if (best == null) {
            return null;
        }
        RgbImage image = images.toOutput(RgbImage.of(w, h, best.data().asFloat()));
        return new Outcome(image, objective.bestEvaluation(), true, image, List.copyOf(losses),
                (System.nanoTime() - startTime) / 1e9, objective.times(), w, h, options.deviceName(),
                backbone.manifest().name(), null, stopRule);
    }

    /** The content loss on {@code tap}, restricted to the mask's region when there is one. */
    private static FeatureLoss contentLoss(TapSessions sessions, String tap, GuidanceChannel mask) {
        if (mask == null) {
            return new ContentLoss(sessions.features(tap));
        }
        long[] shape = sessions.graphs().shapes().get(tap);     // [1, C, h, w]
        return new MaskedContentLoss(sessions.features(tap), mask.resizedTo((int) shape[3], (int) shape[2]));
    }

    /** neural-style's -normalize_gradients: each term's feature gradient divided by its L1 norm. */
    private static List<StyleTransferObjective.Term> normalized(List<StyleTransferObjective.Term> terms,
                                                                NativeScope scope) {
        return terms.stream().map(t -> new StyleTransferObjective.Term(t.tap(),
                scope.own(new NormalizedGradient(t.loss())), t.weight())).toList();
    }

    static INDArray toArray(RgbImage image) {
        return Nd4j.create(image.planar(), new long[] {1, 3, image.height(), image.width()}, DataType.FLOAT);
    }
}
