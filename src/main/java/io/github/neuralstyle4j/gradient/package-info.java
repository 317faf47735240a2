/**
 * The gradient graph: from a feature graph and a set of tapped tensors, builds (1) a forward graph that returns the
 * taps plus the few tensors the backward pass needs (ReLU and Clip outputs, max-pool switches), and (2) an ONNX graph of the
 * vector-Jacobian product dL/dx = Σ J_lᵀ · dL/dF_l, one {@link io.github.neuralstyle4j.gradient.BackwardRule} per
 * forward operator. Both run in ONNX Runtime, so the backward pass gets the same kernels (and device) as the forward.
 */
package io.github.neuralstyle4j.gradient;
