package io.github.neuralstyle4j.api;

import io.github.neuralstyle4j.backbone.Backbone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening, running and closing the façade again and again keeps the process's resident memory flat: every session,
 * tensor, loss target and scratch array of a run is released by the run or by {@link StyleTransfer#close()}.
 */
class NativeMemoryTest {

    private static final int ITERATIONS = 200;
    /** RSS is sampled every this many iterations over the second half, after a {@code System.gc()}. */
    private static final int SAMPLE_EVERY = 10;
    /**
     * The growth allowed over the last 100 iterations, as the robust (Theil–Sen) slope of the samples times 100. The
     * first 100 iterations let the allocators (glibc's arenas, ORT's and ND4J's pools), the JIT and the heap reach
     * their steady size; after that a leak adds memory linearly. Measured on the 2-core box under load: 1.7 MB
     * without a leak (single samples still jump by up to 20 MB, which the median slope ignores); 72 MB when each
     * façade is dropped without {@code close()} (ORT sessions have no cleaner), 108 MB when it is also kept
     * reachable (everything it holds). 8 MB catches a leak of a tenth of one unclosed façade per iteration and is
     * still well above the noise.
     */
    private static final long ALLOWED_GROWTH = 8L << 20;

    @Test
    void rssStaysFlatOverTwoHundredOpenRunCloseCycles(@TempDir Path dir) throws IOException {
        Backbone backbone = TinyBackbone.open(dir);
        Request request = TinyBackbone.request().evaluations(2).optimizer(OptimizerSpec.Adam.defaults()).build();
        List<double[]> samples = new ArrayList<>();
        for (int i = 1; i <= ITERATIONS; i++) {
            try (StyleTransfer transfer = StyleTransfer.builder().backbone(backbone).threads(1).build()) {
                transfer.run(request);
            }
            if (i >= ITERATIONS / 2 && i % SAMPLE_EVERY == 0) {
                System.gc(); // the heap's garbage is not what this test is about
                samples.add(new double[] {i, residentBytes()});
            }
        }
        double growth = theilSenSlope(samples) * (ITERATIONS / 2.0);
        assertTrue(growth < ALLOWED_GROWTH, String.format("RSS grew by %.1f MB over the last %d iterations",
                growth / 1048576.0, ITERATIONS / 2));
    }

    @Test
    void theSlopeIgnoresAnOutlyingSample() {
        // y = 2x + 1 at x = 0..9, with one sample 1000 too high: least squares would move, the median does not
        List<double[]> xy = new ArrayList<>();
        for (int x = 0; x < 10; x++) {
            xy.add(new double[] {x, 2 * x + 1 + (x == 4 ? 1000 : 0)});
        }
        assertEquals(2.0, theilSenSlope(xy), 0.0);
    }

    /** The median of the slopes between every pair of samples: one outlying sample cannot move it. */
    static double theilSenSlope(List<double[]> xy) {
        List<Double> slopes = new ArrayList<>();
        for (int a = 0; a < xy.size(); a++) {
            for (int b = a + 1; b < xy.size(); b++) {
                slopes.add((xy.get(b)[1] - xy.get(a)[1]) / (xy.get(b)[0] - xy.get(a)[0]));
            }
        }
        double[] sorted = slopes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** VmRSS of this process, from /proc (Linux). */
    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
