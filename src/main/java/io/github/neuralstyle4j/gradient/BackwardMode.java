package io.github.neuralstyle4j.gradient;

/**
 * How the backward graph treats rectifiers (Relu, and Clip read as ReLU6); every other rule is the same in all modes,
 * so MaxPool routes to the forward pass's arg-max (Zeiler and Fergus's "switches") and Conv is the transposed
 * convolution with the trained weights. With g the signal arriving at a rectifier's output and y its forward output:
 * <ul>
 *     <li>{@link #GRADIENT}: the vector-Jacobian product g · 1[y &gt; 0] (saliency, Simonyan et al. 2014);</li>
 *     <li>{@link #DECONVNET}: relu(g), ignoring the forward mask (Zeiler and Fergus 2014);</li>
 *     <li>{@link #GUIDED}: g · 1[y &gt; 0] · 1[g &gt; 0] (guided backpropagation, Springenberg et al. 2015).</li>
 * </ul>
 * Only {@code GRADIENT} is a derivative; style transfer always uses it.
 */
public enum BackwardMode {
    GRADIENT,
    DECONVNET,
    GUIDED
}
