/**
 * L-BFGS as torch.optim.LBFGS (PyTorch 1.13) runs it, for optimising an image in neural style transfer
 * (Gatys, Ecker &amp; Bethge, "Image Style Transfer Using Convolutional Neural Networks", CVPR 2016).
 *
 * <p>Entry point: {@link io.github.neuralstyle4j.optim.LbfgsOptimizer}, a Commons Math
 * {@code BaseMultivariateOptimizer}. With {@link io.github.neuralstyle4j.optim.LbfgsSettings#torchDefaults()},
 * {@link io.github.neuralstyle4j.optim.EvaluationTarget EvaluationTarget(300)} and
 * {@link io.github.neuralstyle4j.optim.ClampEachEvaluation#unitInterval()} it reproduces the PyTorch
 * neural-style tutorial's optimisation loop, step for step: same evaluations, same break conditions.
 *
 * <p>Algorithm references:
 * <ul>
 * <li>J. Nocedal, "Updating quasi-Newton matrices with limited storage", Mathematics of Computation
 *     35(151):773–782, 1980 (the limited-memory update and the two-loop recursion);</li>
 * <li>D. C. Liu and J. Nocedal, "On the limited memory BFGS method for large scale optimization",
 *     Mathematical Programming 45:503–528, 1989 (L-BFGS with the scaled initial matrix γI, γ = yᵀs/yᵀy);</li>
 * <li>J. Nocedal and S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006: Algorithm 7.4
 *     (two-loop recursion), Algorithms 3.5 and 3.6 (strong-Wolfe line search and zoom), eq. 3.59 (cubic
 *     interpolation);</li>
 * <li>PyTorch 1.13 {@code torch/optim/lbfgs.py}, itself after M. Schmidt's minFunc and torch7's
 *     {@code optim/lbfgs.lua}, {@code lswolfe.lua} and {@code polyinterp.lua}.</li>
 * </ul>
 *
 * <p>Vectors are flat float32 ND4J arrays off the Java heap; the algebra is level-1 BLAS, in place.
 */
package io.github.neuralstyle4j.optim;
