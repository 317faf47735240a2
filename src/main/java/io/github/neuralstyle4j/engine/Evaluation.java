package io.github.neuralstyle4j.engine;

/** One evaluation's losses, weighted as the seed prints them (style · style weight, content · content weight). */
public record Evaluation(int number, double style, double content) {

    public double total() {
        return style + content;
    }
}
