package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.api.Request;
import io.github.neuralstyle4j.api.Result;
import io.github.neuralstyle4j.api.StyleTransfer;
import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.ImageWriter;
import io.github.neuralstyle4j.image.Resize;
import io.github.neuralstyle4j.image.RgbImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stylizes frames one after the other (Ruder, Dosovitskiy &amp; Brox 2016's short-term consistency): frame i starts
 * from the previous result warped by the flow from frame i to frame i−1, and the {@link TemporalLoss} holds it to
 * that warped result where the flow is consistent. Without temporal consistency each frame is an independent run
 * from its own content. Each result is written (atomically) as soon as it is done, so a stopped run resumes at its
 * first missing frame, with the previous result read back from its file and the flow recomputed.
 */
public final class VideoStylizer {

    /**
     * What was made of one frame.
     *
     * @param index    the frame's index (from 0)
     * @param output   the written image
     * @param result   the run's result (its evaluation has the style, content and temporal losses)
     * @param seconds  the frame's wall time, flow included
     */
    public record FrameDone(int index, Path output, Result result, double seconds) {
    }

    /** Told after each frame. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done  the frame just written
         * @param first the first frame this run made (later ones than earlier runs' frames)
         * @param total the number of frames
         */
        void frameDone(FrameDone done, int first, int total);
    }

    private final StyleTransfer transfer;
    private final OpticalFlow flow;
    private final double temporalWeight;

    /**
     * @param flow           the flow between consecutive input frames, or null for independent frames
     * @param temporalWeight λ of the {@link TemporalLoss} (0 keeps only the warped start)
     */
    public VideoStylizer(StyleTransfer transfer, OpticalFlow flow, double temporalWeight) {
        this.transfer = transfer;
        this.flow = flow;
        this.temporalWeight = temporalWeight;
    }

    /**
     * Stylizes {@code inputs} into {@code outputDir} ({@code frame_00001.png}, ...), each frame's shorter side at
     * {@code base.size()}. Frames already there are kept and the run resumes after them, unless {@code overwrite}.
     *
     * @param base the request every frame's is made from (style, layers, weights, optimiser, budget)
     * @return the frames this call made
     * @throws OutputException if a later frame exists after a missing one (without {@code overwrite})
     */
    public List<FrameDone> run(Request base, List<Path> inputs, Path outputDir, boolean overwrite,
                               Listener listener) {
        List<Path> outputs = FrameFolder.outputs(outputDir, inputs.size());
        int first = overwrite ? 0 : FrameFolder.firstMissing(outputDir, inputs.size());
        for (int i = first + 1; i < outputs.size() && !overwrite; i++) {
            if (Files.exists(outputs.get(i))) {
                throw new OutputException(outputs.get(i) + " exists but " + outputs.get(first).getFileName()
                        + " does not: remove the later frames or pass --overwrite to make them all again");
            }
        }
        List<FrameDone> done = new ArrayList<>();
        RgbImage previousInput = first > 0 ? frame(inputs.get(first - 1), base.size()) : null;
        RgbImage previousOutput = first > 0 ? ImageLoading.read(outputs.get(first - 1)) : null;
        for (int i = first; i < inputs.size(); i++) {
            long start = System.nanoTime();
            RgbImage input = frame(inputs.get(i), base.size());
            if (i > 0 && (input.width() != previousInput.width() || input.height() != previousInput.height())) {
                throw new VideoException(inputs.get(i) + " is " + input.width() + "×" + input.height()
                        + " at the working size, frame " + i + " is " + previousInput.width() + "×"
                        + previousInput.height() + ": every frame must have the same size");
            }
            // the config's start (the content by default) for the first frame and independent frames
            Request.Builder request = base.toBuilder().content(input).schedule(List.of()).imageTerm(null);
            if (flow != null && previousOutput != null) {
                temporal(request, input, previousInput, previousOutput, outputs.get(i - 1));
            }
            Result result = transfer.run(request.build());
            ImageWriter.write(result.image(), outputs.get(i), overwrite);
            previousOutput = ImageLoading.read(outputs.get(i)); // as written (8 bits), as a resumed run reads it
            previousInput = input;
            FrameDone frame = new FrameDone(i, outputs.get(i), result, (System.nanoTime() - start) / 1e9);
            done.add(frame);
            listener.frameDone(frame, first, inputs.size());
        }
        return done;
    }

    /** Frame i starts from the warped previous result and is held to it where the flow is consistent. */
    private void temporal(Request.Builder request, RgbImage input, RgbImage previousInput, RgbImage previousOutput,
                          Path previousFile) {
        int w = input.width();
        int h = input.height();
        if (previousOutput.width() != w || previousOutput.height() != h) {
            throw new OutputException(previousFile + " is " + previousOutput.width() + "×" + previousOutput.height()
                    + ", this run works at " + w + "×" + h + ": resume with the same --size, or --overwrite");
        }
        Flow backward = flow.between(input, previousInput);
        Flow forward = flow.between(previousInput, input);
        float[] weights = Consistency.mask(backward, forward);
        float[] warped = backward.warp(previousOutput.planar());
        request.startFrom(RgbImage.of(w, h, warped));
        if (temporalWeight > 0) {
            request.imageTerm(new TemporalLoss(w, h, warped, weights, temporalWeight));
        }
    }

    /** A frame at the working size (shorter side {@code size}). */
    static RgbImage frame(Path file, int size) {
        return Resize.shorterSideTo(ImageLoading.read(file), size);
    }
}
