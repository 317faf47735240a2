package io.github.neuralstyle4j.video;

import io.github.neuralstyle4j.files.OutputException;
import io.github.neuralstyle4j.files.Publish;
import io.github.neuralstyle4j.image.ImageLoading;
import io.github.neuralstyle4j.image.RgbImage;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Video files in and out through JavaCV's FFmpeg (the natives come from Maven Central with the {@code video}
 * profile): decoding to PNG frames, encoding PNG frames as H.264 in mp4 (yuv420p, so the width and height are cut
 * to even numbers).
 */
public final class VideoFiles {

    /** The frame rate used when a file does not say (and for frame folders). */
    public static final double DEFAULT_FPS = 25;

    private VideoFiles() {
    }

    /**
     * Writes the video's frames into {@code folder} as {@code 00001.png}, ... and returns its frame rate.
     *
     * @throws VideoException if the file cannot be decoded or holds no frame
     */
    public static double decode(Path video, Path folder) {
        if (!Files.isRegularFile(video)) {
            throw new VideoException("video " + video + " does not exist or is not a file");
        }
        quietFfmpegSafely();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            double fps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : DEFAULT_FPS;
            int n = 0;
            for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                BufferedImage image = converter.convert(f);
                ImageIO.write(image, "png", folder.resolve(String.format("%05d.png", ++n)).toFile());
            }
            grabber.stop();
            if (n == 0) {
                throw new VideoException("video " + video + " holds no video frame");
            }
            return fps;
        } catch (FrameGrabber.Exception e) {
            throw new VideoException("cannot decode video " + video + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OutputException("cannot write decoded frames into " + folder + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw noCodec(e);
        }
    }

    /**
     * Encodes {@code frames} (images of one size) as an H.264 mp4 at {@code fps}, written to a temporary file beside
     * {@code video} and moved into place (refused if {@code video} exists, unless {@code replace}).
     */
    public static void encode(List<Path> frames, Path video, double fps, boolean replace) {
        RgbImage first = ImageLoading.read(frames.get(0));
        int w = first.width() & ~1;
        int h = first.height() & ~1;
        if (w == 0 || h == 0) {
            throw new VideoException("frames of " + first.width() + "×" + first.height() + " are too small for mp4");
        }
        Path dir = video.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(dir, ".video-", ".mp4");
            quietFfmpegSafely();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(temporary.toFile(), w, h, 0);
                 Java2DFrameConverter converter = new Java2DFrameConverter()) {
                recorder.setFormat("mp4");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setFrameRate(fps);
                recorder.setVideoQuality(18); // x264's/OpenH264's constant quality scale: visually near lossless
                recorder.start();
                for (Path frame : frames) {
                    BufferedImage image = ImageLoading.read(frame).toBufferedImage();
                    if (image.getWidth() < w || image.getHeight() < h) {
                        throw new VideoException("frame " + frame + " is smaller than the first frame");
                    }
                    recorder.record(converter.convert(image.getSubimage(0, 0, w, h)));
                }
                recorder.stop();
            }
            Publish.move(temporary, video, replace);
            temporary = null;
        } catch (FrameRecorder.Exception e) {
            throw new OutputException("cannot encode " + video + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OutputException("cannot write " + video + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw noCodec(e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the failure being reported matters more than a leftover temporary file
                }
            }
        }
    }

    /** FFmpeg's own log below errors is silenced (it prints every stream's metadata otherwise). */
    private static void quietFfmpegSafely() {
        try {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw noCodec(e);
        }
    }

    private static VideoException noCodec(Throwable e) {
        return new VideoException("FFmpeg's native libraries could not be loaded (" + e.getMessage() + "); mp4"
                + " needs JavaCV's natives for linux-x86_64 (the video profile's build); on another platform use"
                + " --frames with frames extracted by any tool, e.g. ffmpeg -i clip.mp4 frames/%05d.png", e);
    }
}
