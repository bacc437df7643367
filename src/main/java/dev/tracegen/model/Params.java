package dev.tracegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters of a constraint or of a phrasing option (e.g. {@code keyword}, {@code min}):
 * an immutable set of named values, kept sorted by name so that serialised records are
 * byte-stable. Values are what the taxonomy or the model gave: integers, text, or any other JSON
 * value. Serialises as a plain JSON object.
 */
public final class Params implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final Params EMPTY = new Params();

  // The wire form: Jackson writes params as this sorted JSON object; never handed out mutable.
  @JsonValue private final Map<String, Object> values;

  private Params() {
    values = new TreeMap<>();
  }

  /** A copy of {@code base}, for the one method that changes it before it is shared. */
  private Params(Params base) {
    values = new TreeMap<>(base.values);
  }

  public static Params of(String name, Object value) {
    return EMPTY.with(name, value);
  }

  public static Params of(String name1, Object value1, String name2, Object value2) {
    return of(name1, value1).with(name2, value2);
  }

  public static Params of(String name1, Object value1, String name2, Object value2, String name3, Object value3) {
    return of(name1, value1, name2, value2).with(name3, value3);
  }

  /**
   * Params read from a JSON object, values as an untyped read gives them (Integer, String, List,
   * ...). Jackson streams the object straight into this map: params are decoded with every record
   * that crosses a stage, so no intermediate tree.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Params fromJson(Map<String, Object> json) {
    Params out = new Params();
    out.values.putAll(json);
    return out;
  }

  /** The value of {@code name}, or null when absent. */
  public Object get(String name) {
    return values.get(name);
  }

  /** The value of {@code name} as text, or {@code ""} when absent. */
  public String text(String name) {
    Object v = values.get(name);
    return v == null ? "" : String.valueOf(v);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public int size() {
    return values.size();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** These params with {@code name} set to {@code value}. */
  public Params with(String name, Object value) {
    Params out = new Params(this);
    out.values.put(name, value);
    return out;
  }

  /** These params with every value of {@code other} set over them. */
  public Params withAll(Params other) {
    Params out = new Params(this);
    out.values.putAll(other.values);
    return out;
  }

  /** These params without {@code names}. */
  public Params without(Collection<String> names) {
    Params out = new Params(this);
    out.values.keySet().removeAll(names);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params p && values.equals(p.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** As a map prints: {@code {max=8, metric=sentences}}. */
  @Override
  public String toString() {
    return values.toString();
  }
}
