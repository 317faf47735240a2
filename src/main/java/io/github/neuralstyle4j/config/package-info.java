/**
 * The run configuration: what to stylize, with which backbone layers and weights, how to optimise, and where.
 *
 * <p>A configuration is a JSON file (see {@code config/default.json}) read by {@link
 * io.github.neuralstyle4j.config.ConfigLoader} into immutable records rooted at {@link
 * io.github.neuralstyle4j.config.StyleTransferConfig}. Every record validates itself when constructed, so an
 * instance that exists is a usable configuration; the only check left for later is whether the layer names exist in
 * the chosen backbone, which is not known until the backbone is opened ({@link
 * io.github.neuralstyle4j.config.ConfigLoader#checkLayers}).
 *
 * <p>Every failure is a {@link io.github.neuralstyle4j.config.ConfigException} whose one-line message names the file,
 * the JSON path of the offending value ({@code $.style.layers.conv_1}) and what is wrong with it, so a user can fix
 * the file without reading a stack trace.
 */
package io.github.neuralstyle4j.config;
