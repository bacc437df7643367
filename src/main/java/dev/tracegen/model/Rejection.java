package dev.tracegen.model;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Why a record left the pipeline: the stage, a short machine-readable reason, a human detail, and
 * the record itself as JSON (so nothing is lost silently).
 */
@DefaultCoder(JsonCoder.class)
public record Rejection(String stage, String reason, String id, String detail, String record)
    implements Serializable {}
