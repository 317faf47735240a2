package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.backbone.Backbone;
import io.github.neuralstyle4j.backbone.FeatureGraph;
import io.github.neuralstyle4j.backbone.PoolingSwap;
import io.github.neuralstyle4j.config.ConfigLoader;
import io.github.neuralstyle4j.config.Pooling;
import io.github.neuralstyle4j.config.StyleTransferConfig;
import io.github.neuralstyle4j.image.RgbImage;
import io.github.neuralstyle4j.losses.ContentLoss;
import io.github.neuralstyle4j.optim.ClampEachEvaluation;
import io.github.neuralstyle4j.optim.EvaluationTarget;
import io.github.neuralstyle4j.optim.ImageOptimizer;
import io.github.neuralstyle4j.optim.OptimizerState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One style transfer as the seed runs it: prepare the images ({@link RunImages}), compute the targets (content
 * features, blended style Grams: {@link StyleTargets}) once, start from the config's start image (the content, as
 * the seed) or a given one, and run the configured optimiser (L-BFGS by default) with clamping to [0,1].
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
     */
    public record Outcome(RgbImage image, Evaluation result, boolean fromBest, RgbImage lastStepImage,
                          List<Evaluation> losses, double seconds, PhaseTimes times, int width, int height,
                          String device, String backbone, OptimizerState finalState) {

        public int evaluations() {
            return losses.size();
        }

        public Evaluation last() {
            return losses.get(losses.size() - 1);
        }
    }

    /**
     * Where a run starts when not from the config's init image: a given image (a coarser stage's upsampled result,
     * a checkpoint's image), optionally with the optimiser state to continue from.
     *
     * @param image          the start image at the run's working size, or null for the config's init image
     * @param resume         the optimiser state to continue from, or null to start afresh
     * @param keepFinalState hand the final optimiser state back in {@link Outcome#finalState()}
     */
    public record Start(RgbImage image, OptimizerState resume, boolean keepFinalState) {
        public static final Start FROM_CONFIG = new Start(null, null, false);
    }

    private StyleTransferRun() {
    }

    public static Outcome run(StyleTransferConfig config, String source, Backbone backbone,
                              EvaluationListener listener) {
        return run(config, source, backbone, listener, Start.FROM_CONFIG, RunControl.defaults());
    }

    public static Outcome run(StyleTransferConfig config, String source, Backbone backbone,
                              EvaluationListener listener, Start start) {
        return run(config, source, backbone, listener, start, RunControl.defaults());
    }

    /**
     * A run that stops early, with the best image so far, when {@code control}'s stop is requested or when the loss
     * or gradient stops being finite.
     *
     * @throws RunInterruptedException when the run ended early; it carries the best image so far
     */
    public static Outcome run(StyleTransferConfig config, String source, Backbone backbone,
                              EvaluationListener listener, Start start, RunControl control) {
        ConfigLoader.checkLayers(config, backbone.layerNames(), source);
        ExecutionOptions options = new ExecutionOptions(config.device().isCuda(), config.device().index(),
                config.threads());
        if (options.threads() > 0) {
            Nd4j.getEnvironment().setMaxMasterThreads(options.threads());
            Nd4j.getEnvironment().setMaxThreads(options.threads());
            // OpenBLAS's own pool (the Gram matrices): the environment's limit above does not reach it (measured:
            // with only that, a 1-thread run's GEMMs took two cores' CPU time)
            Nd4j.factory().blas().setMaxThreads(options.threads());
        }
        OrtRuntime runtime = new OrtRuntime(options);

        RunImages images = RunImages.prepare(config, config.imageSize(), control.maxPixels());
        int w = images.width();
        int h = images.height();
        listener.onStart(images);

        Map<String, Double> contentLayers = config.content().layers();
        Map<String, Double> styleLayers = config.style().layers();
        List<String> contentTaps = contentLayers.keySet().stream().map(backbone::tensorFor).distinct().toList();
        List<String> styleTaps = styleLayers.keySet().stream().map(backbone::tensorFor).distinct().toList();
        GramPlacement grams = GramPlacement.of(config.gramsInGraph());

        if (start.image() != null && (start.image().width() != w || start.image().height() != h)) {
            throw new IllegalArgumentException("the start image is " + start.image().width() + "×"
                    + start.image().height() + " but the run works at " + w + "×" + h);
        }
        FeatureGraph graph = config.pooling() == Pooling.AVG ? PoolingSwap.toAverage(backbone.graph())
                : backbone.graph();
        List<Evaluation> losses = new ArrayList<>();
        try (TapSessions sessions = grams.open(runtime, graph, contentTaps, styleTaps, h, w);
             INDArray contentArray = toArray(images.networkContent());
             INDArray startPoint = toArray(start.image() != null ? images.toNetwork(start.image()) : images.start())) {
            List<StyleTransferObjective.Term> contentTerms = new ArrayList<>();
            try (TapSessions.ForwardPass ignored = sessions.forward(contentArray)) {
                contentLayers.forEach((layer, weight) -> {
                    String tap = backbone.tensorFor(layer);
                    contentTerms.add(new StyleTransferObjective.Term(tap, new ContentLoss(sessions.features(tap)),
                            config.content().weight() * weight));
                });
            }
            List<StyleTransferObjective.Term> styleTerms = StyleTargets.terms(config.style(),
                    styleLayers.keySet().stream().map(backbone::tensorFor).toList(), graph, runtime, sessions, grams,
                    images.styles(), images.blendWeights());

            StyleTransferObjective objective = new StyleTransferObjective(sessions, styleTerms, contentTerms,
                    config.tvWeight(), new EvaluationListener() {
                        @Override
                        public void onEvaluation(Evaluation e) {
                            losses.add(e);
                            listener.onEvaluation(e);
                            stopIfRequested(control.stop(), e);
                        }

                        @Override
                        public void onEvaluation(Evaluation e, INDArray point, INDArray gradient) {
                            losses.add(e);
                            listener.onEvaluation(e, point, gradient);
                            stopIfRequested(control.stop(), e);
                        }
                    });
            long startTime = System.nanoTime();
            INDArray last;
            OptimizerState finalState;
            try (ImageOptimizer optimizer = Optimizers.of(config.optimizer())) {
                if (start.resume() != null) {
                    optimizer.resumeFrom(start.resume());
                }
                if (start.keepFinalState()) {
                    optimizer.keepFinalState();
                }
                if (control.stop().isRequested()) { // asked while the sessions and targets were being prepared
                    throw new StopRequestedException(control.stop().reason(), 0);
                }
                last = optimizer.minimize(objective, startPoint, new EvaluationTarget(config.steps()),
                        new ClampEachEvaluation(0, 1));
                finalState = optimizer.finalState();
            } catch (NonFiniteLossException | StopRequestedException e) {
                Outcome best = bestSoFar(objective, losses, startTime, w, h, options, backbone, images);
                throw new RunInterruptedException(e.getMessage(), best, e instanceof StopRequestedException, e);
            }
            // The seed's image is the point after the last L-BFGS step, which its loop never evaluates; without a
            // line search that step can jump far uphill (PyTorch does the same). Score it once and fall back to
            // the best evaluated image if it is worse, so the written image is never one the run did not earn.
            Evaluation lastScore = objective.score(last);
            boolean fromBest = lastScore.total() > objective.bestEvaluation().total();
            INDArray chosen = fromBest ? objective.bestPoint() : last;
            Evaluation result = fromBest ? objective.bestEvaluation() : lastScore;
            double seconds = (System.nanoTime() - startTime) / 1e9;
            RgbImage lastStepImage = images.toOutput(RgbImage.of(w, h, last.data().asFloat()));
            RgbImage image = fromBest ? images.toOutput(RgbImage.of(w, h, chosen.data().asFloat())) : lastStepImage;
            last.close();
            objective.bestPoint().close();
            return new Outcome(image, result, fromBest, lastStepImage, List.copyOf(losses), seconds, objective.times(), w, h,
                    options.deviceName(), backbone.manifest().name(), finalState);
        }
    }

    /** Checked after each evaluation, so an evaluation is never cut in half and the best point stays consistent. */
    private static void stopIfRequested(StopRequest stop, Evaluation e) {
        if (stop.isRequested()) {
            throw new StopRequestedException(stop.reason(), e.number());
        }
    }

    /** The best evaluated image as an outcome, or null when no evaluation finished. */
    private static Outcome bestSoFar(StyleTransferObjective objective, List<Evaluation> losses, long startTime, int w,
                                     int h, ExecutionOptions options, Backbone backbone, RunImages images) {
        INDArray best = objective.bestPoint();
        if (best == null) {
            return null;
        }
        RgbImage image = images.toOutput(RgbImage.of(w, h, best.data().asFloat()));
        best.close();
        return new Outcome(image, objective.bestEvaluation(), true, image, List.copyOf(losses),
                (System.nanoTime() - startTime) / 1e9, objective.times(), w, h, options.deviceName(),
                backbone.manifest().name(), null);
    }

    static INDArray toArray(RgbImage image) {
        return Nd4j.create(image.planar(), new long[] {1, 3, image.height(), image.width()}, DataType.FLOAT);
    }
}
