package dev.tracegen.dedup;

import dev.tracegen.model.JsonCoder;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/** A record in a similarity cluster, with its most similar neighbour; cluster resolution input. */
@DefaultCoder(JsonCoder.class)
public record Member(String cluster, String id, String split, String neighbour, double similarity) implements Serializable {}
