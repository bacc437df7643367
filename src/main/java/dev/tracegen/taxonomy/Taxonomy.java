package dev.tracegen.taxonomy;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.UncheckedExecutionException;
import dev.tracegen.model.Params;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.beam.sdk.util.SerializableUtils;

/**
 * The loaded taxonomy: dimensions by id (in id order, so draws are stable), a content hash as its
 * version, the language its phrasings are written in, and an index from every rendered phrasing to
 * its dimension and parameters.
 */
public final class Taxonomy implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Dimension> dimensions;
  private final String version;
  private final String language;
  // Built on first use; volatile so that a thread never sees a half-published index.
  private transient volatile List<Matcher> index;
  // This taxonomy's serialised form, made once (it is immutable).
  private transient volatile byte[] wire;

  /** An English taxonomy (the base files). */
  public Taxonomy(Collection<Dimension> dimensions, String version) {
    this(dimensions, version, TaxonomyLoader.BASE_LANGUAGE);
  }

  public Taxonomy(Collection<Dimension> dimensions, String version, String language) {
    Map<String, Dimension> byId = new TreeMap<>();
    dimensions.forEach(d -> byId.put(d.id(), d));
    this.dimensions = new LinkedHashMap<>(byId);
    this.version = version;
    this.language = language;
  }

  /**
   * Every DoFn carries the taxonomy, and runners serialise a DoFn far more often than once (the
   * DirectRunner twice per bundle): a taxonomy goes over the wire as the bytes of its contents,
   * made once, and comes back as the one instance already read from the same bytes in this JVM.
   * That keeps (de)serialisation cheap and builds the phrasing index once per JVM.
   */
  private Object writeReplace() {
    byte[] b = wire;
    if (b == null) {
      b = SerializableUtils.serializeToByteArray(new Contents(new LinkedHashMap<>(dimensions), version, language));
      wire = b;
    }
    return new Wire(b);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a taxonomy is read through its wire form");
  }

  /** What a taxonomy is made of. */
  private record Contents(LinkedHashMap<String, Dimension> dimensions, String version, String language)
      implements Serializable {}

  /** The serialised form: the bytes of the contents, read back once per JVM ({@link #READ}). */
  private record Wire(byte[] contents) implements Serializable {
    private Object readResolve() throws ObjectStreamException {
      String key = Hashing.sha256().hashBytes(contents).toString();
      try {
        return READ.get(key, () -> {
          Contents c = (Contents) SerializableUtils.deserializeFromByteArray(contents, "taxonomy");
          Taxonomy t = new Taxonomy(c.dimensions().values(), c.version(), c.language());
          t.wire = contents;
          return t;
        });
      } catch (ExecutionException | UncheckedExecutionException e) {
        InvalidObjectException bad = new InvalidObjectException("cannot read a taxonomy: " + e.getCause());
        bad.initCause(e.getCause());
        throw bad;
      }
    }
  }

  /** Taxonomies read in this JVM by the SHA-256 of their bytes: a cache of a pure function. */
  private static final Cache<String, Taxonomy> READ = CacheBuilder.newBuilder().maximumSize(16).build();

  /** A dimension, instantiated phrasing and its parameters, recovered from constraint text. */
  public record PhrasingMatch(Dimension dimension, Phrasing phrasing, Params params) {}

  public Collection<Dimension> dimensions() {
    return dimensions.values();
  }

  public Dimension dimension(String id) {
    return dimensions.get(id);
  }

  public boolean has(String id) {
    return dimensions.containsKey(id);
  }

  public String version() {
    return version;
  }

  /** The language of the phrasings and perturbation hints: {@code en} (the base files) or an overlay's. */
  public String language() {
    return language;
  }

  /** {@code dimension id -> label_zh}, the labels the official eval set uses in {@code levels2}. */
  public Map<String, String> labelsZh() {
    Map<String, String> labels = new TreeMap<>();
    dimensions.values().forEach(d -> labels.put(d.id(), d.labelZh()));
    return labels;
  }

  /**
   * {@code dimension id -> checker id} of the dimensions a program checks: their constraints are
   * the rule-checkable ones (the judge stage decides them with that checker, not the LLM).
   */
  public Map<String, String> checkerIds() {
    Map<String, String> checkers = new TreeMap<>();
    dimensions.values().stream().filter(Dimension::hasChecker).forEach(d -> checkers.put(d.id(), d.checker()));
    return checkers;
  }

  /**
   * {@link #match}, else the checker parameters of a constraint written in words of its own (the
   * official eval set's): a length, one quoted term to include or avoid, or a JSON or table answer
   * ({@link FreeTextConstraints}); null when neither reads it.
   */
  public PhrasingMatch read(String text) {
    PhrasingMatch m = match(text);
    return m != null ? m : FreeTextConstraints.read(this, text);
  }

  /**
   * Recovers dimension, phrasing and params from constraint text written with one of the
   * phrasings (any parameter values, not only the listed options). Params that the text does not
   * show (e.g. {@code metric}) come from the option that agrees best with the visible ones.
   * Returns null when no phrasing fits.
   */
  public PhrasingMatch match(String text) {
    if (index == null) {
      List<Matcher> built = new ArrayList<>();
      for (Dimension d : dimensions.values()) {
        for (Phrasing p : d.phrasings()) {
          built.add(new Matcher(d, p, compile(p.text()), Phrasing.placeholders(p.text())));
        }
      }
      // Most literal text first, so a specific phrasing wins over a generic one.
      built.sort(Comparator.comparingInt((Matcher m) -> -m.phrasing().text().replaceAll("\\{[a-z_]+}", "").length()));
      index = built;
    }
    String t = normalise(text);
    for (Matcher m : index) {
      java.util.regex.Matcher rm = m.regex().matcher(t);
      if (rm.matches()) {
        Params visible = Params.EMPTY;
        for (int i = 0; i < m.names().size(); i++) {
          String v = rm.group(i + 1);
          visible = visible.with(m.names().get(i), v.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(v) : v);
        }
        return new PhrasingMatch(m.dimension(), m.phrasing(), complete(m.dimension(), m.phrasing(), visible));
      }
    }
    return null;
  }

  private record Matcher(Dimension dimension, Phrasing phrasing, Pattern regex, List<String> names) {}

  private static Pattern compile(String template) {
    StringBuilder re = new StringBuilder();
    java.util.regex.Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(normalise(template));
    int last = 0;
    String t = normalise(template);
    while (m.find()) {
      re.append(Pattern.quote(t.substring(last, m.start()))).append("(.+?)");
      last = m.end();
    }
    re.append(Pattern.quote(t.substring(last)));
    return Pattern.compile(re.toString());
  }

  private static Params complete(Dimension d, Phrasing p, Params visible) {
    Params best = p.options().get(0);
    int bestScore = -1;
    String shown = String.join(" ", visible.names().stream().map(n -> String.valueOf(visible.get(n))).toList())
        .toLowerCase(java.util.Locale.ROOT);
    for (Params o : p.options()) {
      int score = 0;
      for (String name : visible.names()) {
        if (String.valueOf(o.get(name)).equals(String.valueOf(visible.get(name)))) {
          score++;
        }
      }
      // A label no option spells ("a table") still shows its value by a cue word (table -> markdown_table).
      for (ParamSpec spec : d.params().values()) {
        List<String> cues = spec.cues().getOrDefault(String.valueOf(o.get(spec.name())), List.of());
        if (!visible.names().contains(spec.name())
            && cues.stream().anyMatch(c -> shown.contains(c.toLowerCase(java.util.Locale.ROOT)))) {
          score++;
        }
      }
      if (score > bestScore) {
        best = o;
        bestScore = score;
      }
    }
    return best.withAll(visible);
  }

  /** Every (dimension, phrasing, option) triple, for planners and tests. */
  public List<PhrasingMatch> allOptions() {
    return dimensions.values().stream()
        .flatMap(d -> d.phrasings().stream()
            .flatMap(p -> p.options().stream().map(o -> new PhrasingMatch(d, p, o))))
        .toList();
  }

  private static String normalise(String text) {
    return text.strip().replaceAll("\\s+", " ").replaceAll("[;；。.]$", "");
  }
}
