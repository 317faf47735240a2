/**
 * The losses of Gatys, Ecker &amp; Bethge, "Image Style Transfer Using Convolutional Neural Networks" (CVPR 2016),
 * normalised exactly as the seed's PyTorch code: Gram = F·Fᵀ / (a·b·c·d), style loss = MSE of Grams, content
 * loss = MSE of features; each term also writes its gradient with respect to the tapped features (ND4J, BLAS).
 */
package io.github.neuralstyle4j.losses;
