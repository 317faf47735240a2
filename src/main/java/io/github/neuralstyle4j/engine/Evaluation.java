package io.github.neuralstyle4j.engine;

/**
 * One evaluation's losses, weighted as the seed prints them (style · style weight, content · content weight), and
 * the total-variation term (tv weight · TV; 0 when the run has none).
 */
public record Evaluation(int number, double style, double content, double tv) {

    /** An evaluation without a total-variation term. */
    public Evaluation(int number, double style, double content) {
        this(number, style, content, 0);
    }

    public double total() {
        return style + content + tv;
    }
}
