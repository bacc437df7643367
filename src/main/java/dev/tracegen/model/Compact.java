package dev.tracegen.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import java.io.IOException;
import java.util.Map;

/**
 * How records stay small in memory. A runner that holds a stage's whole input (the DirectRunner
 * at full scale: 130,000 quadruples) spends most of its heap on the records' many short strings
 * (ids, dimensions, types, prompt hashes, step names, repeated judge reasons) and on sorted maps,
 * so records share equal short strings and equal prompt-hash maps, and keep their maps as sorted
 * arrays instead of trees. Equality, order and the JSON written are unchanged.
 */
final class Compact {
  /** Strings up to this length are shared; longer ones (instructions, answers) are rarely equal. */
  static final int SHARED_STRING_LENGTH = 96;

  // Weak: an entry lives as long as some record uses it, so this is a cache, not a run's state.
  private static final Interner<String> STRINGS = Interners.newWeakInterner();
  private static final Interner<Map<?, ?>> MAPS = Interners.newWeakInterner();

  private Compact() {}

  /** {@code s}, or the equal instance already in use when it is short. */
  static String string(String s) {
    return s == null || s.length() > SHARED_STRING_LENGTH ? s : STRINGS.intern(s);
  }

  /** An immutable copy of {@code map} sorted by key, without null keys or values. */
  static <K extends Comparable<? super K>, V> ImmutableSortedMap<K, V> sorted(Map<K, V> map) {
    ImmutableSortedMap.Builder<K, V> b = ImmutableSortedMap.naturalOrder();
    if (map != null) {
      map.forEach((k, v) -> {
        if (k != null && v != null) {
          b.put(k, v);
        }
      });
    }
    return b.buildOrThrow();
  }

  /** {@link #sorted}, shared with every equal map (for maps most records have in common). */
  @SuppressWarnings("unchecked")
  static <K extends Comparable<? super K>, V> Map<K, V> shared(Map<K, V> map) {
    return (Map<K, V>) MAPS.intern(sorted(map));
  }

  /** Jackson's own string reading, then {@link #string}. */
  static final class SharedStrings extends StdScalarDeserializer<String> {
    SharedStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return string(StringDeserializer.instance.deserialize(p, ctxt));
    }
  }
}
