/**
 * The command line's plumbing: exit statuses, option catalogs reflected from the options
 * interfaces (value checks, {@code --name value}, suggestions), help rendering and console log
 * levels. The commands themselves live next to what they drive.
 */
package dev.tracegen.cli;
