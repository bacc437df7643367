/**
 * Text rules shared by dedup and decontamination: folding, CJK, word characters and the tokens
 * built from them ({@link dev.tracegen.text.Tokens}).
 */
package dev.tracegen.text;
