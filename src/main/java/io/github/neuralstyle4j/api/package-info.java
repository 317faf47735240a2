/**
 * The library's surface: {@link io.github.neuralstyle4j.api.StyleTransfer}, opened once on a backbone and a device
 * and reused for many {@link io.github.neuralstyle4j.api.Request}s (images in memory, loss layers, size, budget, a
 * sealed {@link io.github.neuralstyle4j.api.OptimizerSpec}, a listener and a stop), each giving a
 * {@link io.github.neuralstyle4j.api.Result}. The command line, the regression runner and JSON configs
 * ({@code config.RequestMapper}) are clients of this package.
 */
package io.github.neuralstyle4j.api;
