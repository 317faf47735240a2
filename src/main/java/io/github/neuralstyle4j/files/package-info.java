/**
 * Checks on the files a command reads and writes, shared by every command: an input must be a regular file of a
 * sane size (a FIFO would block forever in {@code open()}, {@code /dev/zero} never ends), and an output must not be
 * an input, another output, a folder or a device, and must not exist unless replacing it was asked for.
 */
package io.github.neuralstyle4j.files;
