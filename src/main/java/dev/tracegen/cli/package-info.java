/**
 * The commands and their plumbing. Each command is a class here ({@link
 * dev.tracegen.cli.RunCommand}, {@link dev.tracegen.cli.ValidateCommand}, {@link
 * dev.tracegen.cli.ServeCommand}, {@link dev.tracegen.cli.StatsCommand}, {@link
 * dev.tracegen.cli.ExportCommand}) with a Beam options interface, and every one parses its
 * arguments through {@link dev.tracegen.cli.CommandLine}: positional arguments, then option
 * catalogs reflected from the options interfaces (value checks, {@code --name value},
 * suggestions), then Beam. Also here: exit statuses, help rendering and console log levels. The
 * process entry point, {@link dev.tracegen.TraceGen}, only picks the command.
 */
package dev.tracegen.cli;
