package io.github.neuralstyle4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RgbImageTest {

    @Test
    void planarLayoutIsChannelThenRowThenColumn() {
        float[] chw = new float[3 * 2 * 3];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = i;
        }
        RgbImage image = RgbImage.of(3, 2, chw);

        assertEquals(3, image.width());
        assertEquals(2, image.height());
        // index = (c * H + y) * W + x, the NCHW layout [1, 3, H, W]
        assertEquals(0f, image.get(0, 0, 0));
        assertEquals(5f, image.get(0, 2, 1));
        assertEquals(6f, image.get(1, 0, 0));
        assertEquals(17f, image.get(2, 2, 1));
    }

    @Test
    void factoryCopiesSoTheCallerCannotMutateTheImage() {
        float[] chw = new float[3];
        RgbImage image = RgbImage.of(1, 1, chw);
        chw[0] = 1f;
        assertEquals(0f, image.planar()[0]);
    }

    @Test
    void rejectsInvalidShapes() {
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(2, 2, new float[11]));
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(0, 2, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(2, -1, new float[6]));
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(2, 2, null));
        assertThrows(IllegalArgumentException.class, () -> RgbImage.of(65536, 65536, new float[3]));
        RgbImage image = RgbImage.of(1, 1, new float[3]);
        assertThrows(IndexOutOfBoundsException.class, () -> image.get(3, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> image.get(0, 1, 0));
    }
}
