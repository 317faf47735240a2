package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.image.RgbImage;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * OpenCV's Dense Inverse Search flow (Kroeger et al. 2016) through JavaCV, on the frames' luma (BT.601), with the
 * MEDIUM preset (patch inverse search on a pyramid plus variational refinement). Each call owns and frees its native
 * matrices; the DIS instance lives as long as this object ({@link #close()}).
 */
public final class DisFlow implements OpticalFlow, AutoCloseable {

    private final DISOpticalFlow dis = DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM);

    @Override
    public Flow between(RgbImage from, RgbImage to) {
        int w = from.width();
        int h = from.height();
        if (to.width() != w || to.height() != h) {
            throw new IllegalArgumentException("frames differ in size: " + w + "×" + h + " and " + to.width() + "×"
                    + to.height());
        }
        try (Mat a = luma(from); Mat b = luma(to); Mat flow = new Mat()) {
            dis.calc(a, b, flow);
            float[] dx = new float[w * h];
            float[] dy = new float[w * h];
            try (FloatIndexer ix = flow.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        dx[y * w + x] = ix.get(y, x, 0);
                        dy[y * w + x] = ix.get(y, x, 1);
                    }
                }
            }
            return new Flow(w, h, dx, dy);
        }
    }

    /** The image's 8-bit luma as a single-channel matrix (what DIS works on). */
    private static Mat luma(RgbImage image) {
        int plane = image.width() * image.height();
        float[] chw = image.planar();
        byte[] y = new byte[plane];
        for (int i = 0; i < plane; i++) {
            double v = 0.299 * chw[i] + 0.587 * chw[plane + i] + 0.114 * chw[2 * plane + i];
            y[i] = (byte) Math.round(Math.min(Math.max(v, 0), 1) * 255);
        }
        Mat m = new Mat(image.height(), image.width(), opencv_core.CV_8UC1);
        m.data().put(y);
        return m;
    }

    @Override
    public void close() {
        dis.close();
    }
}
