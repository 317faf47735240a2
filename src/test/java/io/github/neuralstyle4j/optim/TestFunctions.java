package io.github.neuralstyle4j.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Objectives for the tests, evaluated in double and handed over as float32 like a network's would be. */
final class TestFunctions {

    private TestFunctions() {
    }

    /** The chained Rosenbrock function Σ 100(x_{i+1} - x_i²)² + (1 - x_i)², minimiser (1, …, 1). */
    static double rosenbrock(INDArray point, INDArray gradient) {
        double[] x = point.toDoubleVector();
        double[] g = new double[x.length];
        double f = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double b = x[i + 1] - x[i] * x[i];
            double a = 1 - x[i];
            f += 100 * b * b + a * a;
            g[i] += -400 * x[i] * b - 2 * a;
            g[i + 1] += 200 * b;
        }
        write(g, gradient);
        return f;
    }

    /** The standard start (-1.2, 1, -1.2, 1, …). */
    static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    /** ½xᵀAx - bᵀx for a symmetric A. */
    static DifferentiableFunction quadratic(double[][] a, double[] b) {
        return (point, gradient) -> {
            double[] x = point.toDoubleVector();
            double[] g = new double[x.length];
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double ax = 0;
                for (int j = 0; j < x.length; j++) {
                    ax += a[i][j] * x[j];
                }
                g[i] = ax - b[i];
                f += 0.5 * x[i] * ax - b[i] * x[i];
            }
            write(g, gradient);
            return f;
        };
    }

    /** ½‖x - c‖². */
    static DifferentiableFunction distanceTo(double[] c) {
        return (point, gradient) -> {
            double[] x = point.toDoubleVector();
            double[] g = new double[x.length];
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                g[i] = x[i] - c[i];
                f += 0.5 * g[i] * g[i];
            }
            write(g, gradient);
            return f;
        };
    }

    static void write(double[] values, INDArray target) {
        target.assign(Nd4j.createFromArray(values));
    }
}
