package io.github.neuralstyle4j.cli;

/** Exit codes, one per class of error (the README lists them). */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected internal error (a bug): the stack trace is printed. */
    public static final int INTERNAL = 1;
    /** Bad command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    public static final int CONFIG = 3;
    public static final int IMAGE = 4;
    public static final int BACKBONE = 5;
    /** ONNX Runtime or device failure, or a loss that became NaN/Inf. */
    public static final int RUNTIME = 6;
    public static final int IO = 7;
    /** {@code regress}: a case disagreed with its PyTorch reference beyond its tolerance. */
    public static final int REGRESSION = 8;
    /** {@code stylize --content-dir}: at least one image of the batch failed (the others were written). */
    public static final int BATCH = 9;

    private ExitCodes() {
    }
}
