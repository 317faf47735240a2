package io.github.neuralstyle4j.engine;

/**
 * One evaluation's losses, weighted as the seed prints them (style · style weight, content · content weight), the
 * total-variation term (tv weight · TV; 0 when the run has none) and the request's
 * {@link io.github.neuralstyle4j.api.ImageTerm} (0 when it has none).
 */
public record Evaluation(int number, double style, double content, double tv, double image) {

    /** An evaluation without a total-variation term or image term. */
    public Evaluation(int number, double style, double content) {
        this(number, style, content, 0, 0);
    }

    /** An evaluation without an image term. */
    public Evaluation(int number, double style, double content, double tv) {
        this(number, style, content, tv, 0);
    }

    public double total() {
        return style + content + tv + image;
    }
}
