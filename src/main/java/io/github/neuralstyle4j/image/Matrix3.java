package io.github.neuralstyle4j.image;

/** The little 3×3 linear algebra the colour transforms need, in double precision. */
final class Matrix3 {

    private Matrix3() {
    }

    static double[] times(double[][] m, double x, double y, double z) {
        return new double[] {
                m[0][0] * x + m[0][1] * y + m[0][2] * z,
                m[1][0] * x + m[1][1] * y + m[1][2] * z,
                m[2][0] * x + m[2][1] * y + m[2][2] * z};
    }

    static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return c;
    }

    /** The inverse by cofactors; the caller guarantees a non-singular matrix. */
    static double[][] inverse(double[][] m) {
        double[][] cof = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r0 = (i + 1) % 3;
                int r1 = (i + 2) % 3;
                int c0 = (j + 1) % 3;
                int c1 = (j + 2) % 3;
                cof[i][j] = m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
            }
        }
        double det = m[0][0] * cof[0][0] + m[0][1] * cof[0][1] + m[0][2] * cof[0][2];
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                inv[i][j] = cof[j][i] / det;
            }
        }
        return inv;
    }

    /**
     * The lower-triangular L with L·Lᵀ = m for a symmetric positive-definite m, or null when m is not (a pivot
     * is not positive).
     */
    static double[][] cholesky(double[][] m) {
        double[][] l = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }
}
