/** The command line ({@code tools/neuralstyle}): picocli commands, progress display, JSON reports, exit codes. */
package io.github.neuralstyle4j.cli;
