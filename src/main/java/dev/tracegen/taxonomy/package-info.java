/**
 * The constraint taxonomy (5 types, 26 dimensions): YAML loading with file:line validation, and
 * the phrasing index that turns planned parameters into constraint text and back.
 */
package dev.tracegen.taxonomy;
