package dev.tracegen.eval;

import dev.tracegen.model.Params;
import java.io.Serializable;

/**
 * A programmatic checker's verdict on one constraint of an eval item, recorded beside the judge's
 * score: the constraint is written in one of the taxonomy's phrasings, so its dimension and
 * parameters are read back from its text and the dimension's checker decides it.
 *
 * @param constraint the constraint's 1-based number
 */
public record CheckerVerdict(int constraint, String dimension, String checker, Params params, boolean pass,
    String reason) implements Serializable {}
