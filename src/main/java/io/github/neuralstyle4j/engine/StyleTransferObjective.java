package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.losses.FeatureLoss;
import io.github.neuralstyle4j.losses.TotalVariation;
import io.github.neuralstyle4j.optim.DifferentiableFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The seed's closure as a function of the image: one forward pass, the style and content losses and their
 * gradients at the taps (ND4J), one gradient pass for dL/dx, plus an optional total-variation term computed on the
 * image itself. Clamping is the optimiser's business. It owns its copy of the best point ({@link #close()}); the
 * sessions and the terms' losses belong to the caller.
 */
public final class StyleTransferObjective implements DifferentiableFunction, AutoCloseable {

    /** One loss on one tap; {@code weight} already includes the style or content weight. */
    public record Term(String tap, FeatureLoss loss, double weight) {
    }

    private final TapSessions sessions;
    private final List<Term> styleTerms;
    private final List<Term> contentTerms;
    private final EvaluationListener listener;
    private final TotalVariation tv;
    private final double tvWeight;
    private int evaluations;
    private final PhaseTimes times = new PhaseTimes();
    private INDArray best;
    private Evaluation bestEvaluation;

    public StyleTransferObjective(TapSessions sessions, List<Term> styleTerms, List<Term> contentTerms,
                                  EvaluationListener listener) {
        this(sessions, styleTerms, contentTerms, 0, listener);
    }

    /** @param tvWeight the weight of the total-variation term; 0 leaves it out */
    public StyleTransferObjective(TapSessions sessions, List<Term> styleTerms, List<Term> contentTerms,
                                  double tvWeight, EvaluationListener listener) {
        this.sessions = sessions;
        this.styleTerms = List.copyOf(styleTerms);
        this.contentTerms = List.copyOf(contentTerms);
        this.listener = listener;
        long[] shape = sessions.imageShape();
        this.tv = tvWeight != 0 ? new TotalVariation((int) shape[2], (int) shape[3]) : null;
        this.tvWeight = tvWeight;
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient) {
        double style;
        double content;
        double variation;
        long t0 = System.nanoTime();
        try (TapSessions.ForwardPass pass = sessions.forward(x)) {
            long t1 = System.nanoTime();
            for (String tap : sessions.graphs().taps()) {
                NativeTensors.zero(sessions.featureGradient(tap));
            }
            style = accumulate(styleTerms);
            content = accumulate(contentTerms);
            long t2 = System.nanoTime();
            sessions.backward(pass, gradient);
            // after the gradient pass, which overwrites the buffer; TV is a loss on x itself
            long t3 = System.nanoTime();
            variation = tv != null ? tv.accumulate(x, gradient, tvWeight) : 0;
            long t4 = System.nanoTime();
            times.add(t1 - t0, t2 - t1 + t4 - t3, t3 - t2);
        }
        evaluations++;
        if (!Double.isFinite(style + content + variation)) {
            throw new NonFiniteLossException(evaluations, "the loss");
        }
        // Σ|g| is NaN or infinite exactly when some element is (or the float sum overflows, equally unusable)
        if (!Double.isFinite(Nd4j.getBlasWrapper().asum(gradient))) {
            throw new NonFiniteLossException(evaluations, "the gradient");
        }
        Evaluation e = new Evaluation(evaluations, style, content, variation);
        if (bestEvaluation == null || e.total() < bestEvaluation.total()) {
            keepAsBest(x, e);
        }
        listener.onEvaluation(e, x, gradient);
        return e.total();
    }

    /** The losses at x without a gradient pass, and without counting as an evaluation of the optimisation. */
    public Evaluation score(INDArray x) {
        try (TapSessions.ForwardPass ignored = sessions.forward(x)) {
            return new Evaluation(evaluations, accumulate(styleTerms), accumulate(contentTerms), variation(x));
        }
    }

    /** The weighted TV of x, without touching any gradient. */
    private double variation(INDArray x) {
        if (tv == null) {
            return 0;
        }
        try (INDArray unused = Nd4j.create(x.dataType(), x.length())) {
            return tv.accumulate(x, unused, tvWeight);
        }
    }

    /**
     * The evaluated point with the lowest loss so far (the objective's own copy, valid until {@link #close()}), or
     * null before the first evaluation.
     */
    public INDArray bestPoint() {
        return best;
    }

    public Evaluation bestEvaluation() {
        return bestEvaluation;
    }

    private void keepAsBest(INDArray x, Evaluation e) {
        INDArray flat = x.reshape(x.length());
        if (best == null) {
            best = flat.dup();
        } else {
            // a BLAS copy: ND4J's assign runs on an OpenMP pool that contends with BLAS (see losses.Level1)
            Nd4j.getBlasWrapper().copy(flat, best);
        }
        bestEvaluation = e;
    }

    private double accumulate(List<Term> terms) {
        double sum = 0;
        for (Term t : terms) {
            sum += t.loss().accumulate(sessions.features(t.tap()), sessions.featureGradient(t.tap()), t.weight());
        }
        return sum;
    }

    public int evaluations() {
        return evaluations;
    }

    /** Where the evaluations' time went. */
    public PhaseTimes times() {
        return times;
    }

    /** Releases the best point's copy. */
    @Override
    public void close() {
        if (best != null) {
            best.close();
            best = null;
        }
    }
}
