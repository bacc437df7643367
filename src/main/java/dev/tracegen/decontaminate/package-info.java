/**
 * Decontamination: train records that share a long n-gram (13 words, 26 CJK characters) with the
 * eval split or with external benchmark files are dropped; template phrasing shared by many
 * reference documents does not count.
 */
package dev.tracegen.decontaminate;
