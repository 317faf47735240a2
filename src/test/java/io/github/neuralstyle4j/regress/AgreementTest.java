package io.github.neuralstyle4j.regress;

import io.github.neuralstyle4j.engine.Evaluation;
import io.github.neuralstyle4j.image.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgreementTest {

    @Test
    void cosineAndRelativeL2() {
        float[] a = {3, 4, 0};
        assertEquals(1.0, Agreement.cosine(a, new float[] {6, 8, 0}), 1e-15);
        assertEquals(0.0, Agreement.cosine(a, new float[] {-4, 3, 7}), 1e-15);
        // |(3,4,1) - (3,4,0)| / |(3,4,0)| = 1/5
        assertEquals(0.2, Agreement.relativeL2(new float[] {3, 4, 1}, a), 1e-15);
        assertEquals(0.0, Agreement.relativeL2(a, a));
        assertThrows(IllegalArgumentException.class, () -> Agreement.cosine(a, new float[2]));
    }

    @Test
    void lossErrorIsRelativeToTheTotalBecauseTheStartingContentLossIsZero() {
        Reference.Loss ref = new Reference.Loss(1, 0.2, 0.0, 0.2);
        assertEquals(0.0, Agreement.lossError(new Evaluation(1, 0.2, 0.0), ref));
        // the style term is off by 0.002, the content and total by 0.001: the worst of the three over the total
        assertEquals(0.01, Agreement.lossError(new Evaluation(1, 0.198, 0.001), ref), 1e-12);
    }

    @Test
    void lossErrorsLeadingAgreementAndMaximum() {
        List<Evaluation> ours = List.of(new Evaluation(1, 1, 0), new Evaluation(2, 1, 0.5),
                new Evaluation(3, 0.5, 0.5));
        List<Reference.Loss> ref = List.of(new Reference.Loss(1, 1, 0, 1), new Reference.Loss(2, 1, 0.5001, 1.5001),
                new Reference.Loss(3, 0.4, 0.5, 0.9));
        double[] e = Agreement.lossErrors(ours, ref, 10);
        assertEquals(3, e.length);
        assertEquals(0.0, e[0]);
        assertEquals(1e-4 / 1.5001, e[1], 1e-12);
        assertEquals(0.1 / 0.9, e[2], 1e-12);
        assertEquals(2, Agreement.leadingWithin(e, 1e-3));
        assertEquals(0.1 / 0.9, Agreement.max(e), 1e-12);
        assertArrayEquals(new double[] {0.0}, Agreement.lossErrors(ours, ref, 1));
        // runs are compared evaluation by evaluation
        assertThrows(IllegalArgumentException.class,
                () -> Agreement.lossErrors(List.of(new Evaluation(2, 1, 0)), ref, 1));
    }

    @Test
    void psnrOnEightBitValues() {
        RgbImage a = RgbImage.of(2, 1, new float[] {0, 0, 0, 0, 0, 0});
        // one of six values off by 10 levels: MSE 100/6
        RgbImage b = RgbImage.of(2, 1, new float[] {10 / 255f, 0, 0, 0, 0, 0});
        assertEquals(10 * Math.log10(255.0 * 255.0 / (100.0 / 6)), Agreement.psnr(a, b), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, Agreement.psnr(a, a));
        // values are clamped and rounded as a written PNG is: 1.3 is 255, -0.2 is 0, 0.4/255 rounds to 0
        RgbImage c = RgbImage.of(2, 1, new float[] {0.4f / 255, -0.2f, 0, 0, 0, 0});
        assertEquals(Double.POSITIVE_INFINITY, Agreement.psnr(a, c));
        assertEquals(Double.POSITIVE_INFINITY, Agreement.psnr(RgbImage.of(1, 1, new float[] {1.3f, 1, 1}),
                RgbImage.of(1, 1, new float[] {1, 1, 1})));
        assertThrows(IllegalArgumentException.class, () -> Agreement.psnr(a, RgbImage.of(1, 2, new float[6])));
    }

    @Test
    void psnrPrintsInWordsWhenTheImagesAreIdentical() {
        // the regress report once printed "Infinity dB" for a run that reproduced its reference exactly
        assertEquals("identical (PSNR ∞)", Agreement.formatPsnr(Double.POSITIVE_INFINITY));
        assertEquals("31.47 dB", Agreement.formatPsnr(31.4659));
    }

    @Test
    void tolerancesPrintAsASuiteWritesThem() {
        assertEquals("20", RegressionRunner.num(20));
        assertEquals("0.9999", RegressionRunner.num(0.9999));
        assertEquals("0.02", RegressionRunner.num(2e-2));
        assertEquals("1e-5", RegressionRunner.num(1e-5));
        assertEquals("2.5e-4", RegressionRunner.num(2.5e-4));
    }
}
