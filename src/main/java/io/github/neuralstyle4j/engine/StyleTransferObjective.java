package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.api.ImageTerm;
import io.github.neuralstyle4j.losses.FeatureLoss;
import io.github.neuralstyle4j.losses.TotalVariation;
import io.github.neuralstyle4j.optim.DifferentiableFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed's closure as a function of the image: one forward pass, the style and content losses and their
 * gradients at the taps (ND4J), one gradient pass for dL/dx, plus an optional total-variation term computed on the
 * image itself and an optional {@link ImageTerm} (video's temporal loss). Clamping is the optimiser's business. It owns its copy of the best point ({@link #close()}); the
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
    private final ImageTermCall imageTerm;
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
        this(sessions, styleTerms, contentTerms, tvWeight, null, listener);
    }

    /** @param imageTerm an extra term on the image itself, or null for none */
    public StyleTransferObjective(TapSessions sessions, List<Term> styleTerms, List<Term> contentTerms,
                                  double tvWeight, ImageTerm imageTerm, EvaluationListener listener) {
        this.sessions = sessions;
        this.styleTerms = List.copyOf(styleTerms);
        this.contentTerms = List.copyOf(contentTerms);
        this.listener = listener;
        long[] shape = sessions.imageShape();
        this.tv = tvWeight != 0 ? new TotalVariation((int) shape[2], (int) shape[3]) : null;
        this.tvWeight = tvWeight;
        this.imageTerm = imageTerm != null ? new ImageTermCall(imageTerm, (int) shape[3], (int) shape[2]) : null;
    }

    @Override
    public double valueAndGradient(INDArray x, INDArray gradient) {
        double style;
        double content;
        double variation;
        double image;
        long c0 = PhaseTimes.threadCpu();
        long t0 = System.nanoTime();
        try (TapSessions.ForwardPass pass = sessions.forward(x)) {
            long t1 = System.nanoTime();
            long c1 = PhaseTimes.threadCpu();
            Set<String> written = new HashSet<>();
            style = accumulate(styleTerms, written);
            content = accumulate(contentTerms, written);
            for (String tap : sessions.graphs().taps()) {
                if (!written.contains(tap)) {
                    NativeTensors.zero(sessions.featureGradient(tap));
                }
            }
            long t2 = System.nanoTime();
            long c2 = PhaseTimes.threadCpu();
            sessions.backward(pass, gradient);
            // after the gradient pass, which overwrites the buffer; TV is a loss on x itself
            long c3 = PhaseTimes.threadCpu();
            long t3 = System.nanoTime();
            variation = tv != null ? tv.accumulate(x, gradient, tvWeight) : 0;
            image = imageTerm != null ? imageTerm.addTo(x, gradient) : 0;
            long t4 = System.nanoTime();
            long c4 = PhaseTimes.threadCpu();
            times.add(t1 - t0, t2 - t1 + t4 - t3, t3 - t2);
            times.addCpu(c1 - c0, c2 - c1 + c4 - c3, c3 - c2);
        }
        evaluations++;
        if (!Double.isFinite(style + content + variation + image)) {
            throw new NonFiniteLossException(evaluations, "the loss");
        }
        // Σ|g| is NaN or infinite exactly when some element is (or the float sum overflows, equally unusable)
        if (!Double.isFinite(Nd4j.getBlasWrapper().asum(gradient))) {
            throw new NonFiniteLossException(evaluations, "the gradient");
        }
        Evaluation e = new Evaluation(evaluations, style, content, variation, image);
        if (bestEvaluation == null || e.total() < bestEvaluation.total()) {
            keepAsBest(x, e);
        }
        listener.onEvaluation(e, x, gradient);
        return e.total();
    }

    /** The losses at x without a gradient pass, and without counting as an evaluation of the optimisation. */
    public Evaluation score(INDArray x) {
        try (TapSessions.ForwardPass ignored = sessions.forward(x)) {
            Set<String> written = new HashSet<>();
            return new Evaluation(evaluations, accumulate(styleTerms, written), accumulate(contentTerms, written),
                    variation(x), imageTerm != null ? imageTerm.addTo(x, null) : 0);
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

    /**
     * The weighted losses of the terms, their gradients written into the taps' buffers: the first term on a tap
     * overwrites its buffer (no zeroing pass before, no read of zeros in the GEMM), later ones add to it.
     */
    private double accumulate(List<Term> terms, Set<String> written) {
        double sum = 0;
        for (Term t : terms) {
            INDArray f = sessions.features(t.tap());
            INDArray g = sessions.featureGradient(t.tap());
            sum += written.add(t.tap()) ? t.loss().overwrite(f, g, t.weight()) : t.loss().accumulate(f, g, t.weight());
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
