/**
 * Regression against PyTorch: reference cases made by {@code tools/make_reference.py} (the seed's algorithm run by
 * PyTorch's autograd on the same ONNX weights), suites of cases with tolerances, the run of one case through
 * neuralstyle4j's engine and the measures of agreement (start gradient, losses, final image). Used by the
 * {@code regress} command and by the regression tests.
 */
package io.github.neuralstyle4j.regress;
