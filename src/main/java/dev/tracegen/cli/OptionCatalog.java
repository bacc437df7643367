package dev.tracegen.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.apache.beam.sdk.options.ValueProvider;

/**
 * The {@code --options} one command accepts, reflected from Beam options interfaces (getter type,
 * {@code @Description}, {@code @Default}). It checks a command line before Beam parses it, so that
 * a mistake is reported in the command line's own terms: the option, the expected type, the
 * closest known option.
 */
public final class OptionCatalog {
  private final String command;
  private final Map<String, OptionInfo> options;

  private OptionCatalog(String command, Map<String, OptionInfo> options) {
    this.command = command;
    this.options = options;
  }

  /**
   * The options of {@code interfaces} (with everything they extend) for {@code command}; when two
   * interfaces declare the same option, the first one listed describes it.
   */
  public static OptionCatalog of(String command, List<Class<? extends PipelineOptions>> interfaces) {
    Map<String, OptionInfo> options = new LinkedHashMap<>();
    for (Class<?> iface : interfaces) {
      for (OptionInfo o : reflect(iface)) {
        options.putIfAbsent(o.name(), o);
      }
    }
    return new OptionCatalog(command, options);
  }

  /**
   * This catalog without the options PipelineOptions itself declares ({@code --runner},
   * {@code --jobName}, ...): for a command whose options do not configure a pipeline, they
   * are unknown options rather than ones Beam would accept and ignore.
   */
  public OptionCatalog withoutPipelineOptions() {
    Map<String, OptionInfo> own = new LinkedHashMap<>(options);
    own.values().removeIf(o -> o.owner() == PipelineOptions.class);
    return new OptionCatalog(command, own);
  }

  /**
   * The options interfaces that runners on the classpath register with Beam (DirectOptions,
   * FlinkPipelineOptions, ...), in a stable order. Read from the service files rather than from
   * Beam's process-wide registry, which also holds whatever another command registered.
   */
  public static List<Class<? extends PipelineOptions>> runnerOptions() {
    List<Class<? extends PipelineOptions>> all = new ArrayList<>();
    for (PipelineOptionsRegistrar r : ServiceLoader.load(PipelineOptionsRegistrar.class, OptionCatalog.class.getClassLoader())) {
      for (Class<? extends PipelineOptions> c : r.getPipelineOptions()) {
        if (!all.contains(c)) {
          all.add(c);
        }
      }
    }
    all.sort(Comparator.comparing(Class::getName));
    return all;
  }

  /** Every property of {@code iface} (inherited ones too): a getter with a matching setter, sorted by name. */
  public static List<OptionInfo> reflect(Class<?> iface) {
    List<OptionInfo> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Method[] methods = iface.getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(m -> m.getDeclaringClass().getName()));
    for (Method m : methods) {
      String prop = propertyOf(m);
      if (prop == null || !hasSetter(iface, m) || !seen.add(prop)) {
        continue;
      }
      Class<?> type = valueType(m);
      OptionInfo.Kind kind = kindOf(type);
      List<String> choices = kind == OptionInfo.Kind.CHOICE
          ? Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList() : List.of();
      Description d = m.getAnnotation(Description.class);
      boolean hidden = m.isAnnotationPresent(Hidden.class) || m.getDeclaringClass().isAnnotationPresent(Hidden.class);
      found.add(new OptionInfo(prop, m.getDeclaringClass(), type, kind, choices, d == null ? "" : d.value(),
          defaultOf(m), hidden));
    }
    return found;
  }

  /** The command whose options these are; usage errors name it. */
  public String command() {
    return command;
  }

  public Optional<OptionInfo> get(String name) {
    return Optional.ofNullable(options.get(name));
  }

  public Collection<OptionInfo> all() {
    return options.values();
  }

  /**
   * {@code args} as Beam expects them, {@code --name=value} each, or a {@link UsageException}
   * saying what is wrong. {@code --name value} is joined when {@code --name} takes a value; a
   * flag stays a flag ({@code --quiet}) unless the next word is {@code true} or {@code false}.
   */
  public String[] normalize(String[] args) {
    List<String> out = new ArrayList<>();
    Set<String> given = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException(command, arg.startsWith("-") && arg.length() > 1
            ? "unknown option '" + arg + "' (options are spelled --name=value)"
            : unexpected(arg, i > 0 ? args[i - 1] : "", command + " takes only --name=value options"));
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      OptionInfo o = options.get(name);
      if (o == null) {
        throw new UsageException(command, unknown("--" + name, options.values().stream()
            .filter(x -> !x.hidden()).map(x -> "--" + x.name()).toList()));
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (o.kind() == OptionInfo.Kind.FLAG) {
        boolean explicit = i + 1 < args.length && (args[i + 1].equalsIgnoreCase("true") || args[i + 1].equalsIgnoreCase("false"));
        value = explicit ? args[++i] : "true";
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException(command, "--" + name + " needs a value (--" + name + "="
            + (o.kind() == OptionInfo.Kind.TEXT ? "..." : metavar(o)) + ")");
      }
      String problem = o.problem(value);
      if (problem != null) {
        throw new UsageException(command, problem);
      }
      if (!given.add(name) && !repeatable(o)) {
        throw new UsageException(command, "--" + name + " is given more than once");
      }
      out.add("--" + name + "=" + value);
    }
    return out.toArray(String[]::new);
  }

  /**
   * "unexpected argument 'x'": after a flag given as {@code previous}, that the flag takes no
   * value; otherwise {@code takes}, what the command accepts instead.
   */
  String unexpected(String arg, String previous, String takes) {
    Optional<OptionInfo> flag = previous.startsWith("--") && !previous.contains("=")
        ? get(previous.substring(2)).filter(o -> o.kind() == OptionInfo.Kind.FLAG) : Optional.empty();
    return "unexpected argument '" + arg + "': " + (flag.isPresent()
        ? previous + " takes no value (" + previous + ", " + previous + "=true or " + previous + "=false)"
        : takes);
  }

  /** The placeholder a usage line shows for the value of {@code o}. */
  public static String metavar(OptionInfo o) {
    return switch (o.kind()) {
      case FLAG -> "true|false";
      case INTEGER -> "N";
      case NUMBER -> "X";
      case CHOICE -> String.join("|", o.choices());
      case TEXT -> "VALUE";
    };
  }

  /** "unknown option --x", with the closest of {@code known} when one is close enough to be a typo. */
  public static String unknown(String given, Collection<String> known) {
    String close = closest(given, known);
    return "unknown option " + given + (close == null ? "" : " (did you mean " + close + "?)");
  }

  /**
   * The candidate closest to {@code given} by edit distance (a swap of two letters counts once,
   * case is ignored), or null when none is within a typo's reach; a candidate that
   * {@code given} begins is taken when nothing is that close.
   */
  public static String closest(String given, Collection<String> candidates) {
    String g = given.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates.stream().sorted().toList()) {
      int d = distance(g, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int reach = Math.max(2, g.replaceFirst("^-+", "").length() / 3);
    if (best != null && bestDistance <= reach) {
      return best;
    }
    if (g.replaceFirst("^-+", "").length() >= 4) {
      return candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(g))
          .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())).orElse(null);
    }
    return null;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static boolean repeatable(OptionInfo o) {
    // Beam collects repeated --x=a --x=b into a list or array option.
    return Collection.class.isAssignableFrom(o.type()) || o.type().isArray();
  }

  private static String propertyOf(Method m) {
    if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
      return null;
    }
    String n = m.getName();
    String rest = n.startsWith("get") ? n.substring(3)
        : n.startsWith("is") && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class) ? n.substring(2) : null;
    if (rest == null || rest.isEmpty() || !Character.isUpperCase(rest.charAt(0))) {
      return null;
    }
    // Beam's (and the JavaBeans) rule: getURL is URL, getBaseUrl is baseUrl.
    return rest.length() > 1 && Character.isUpperCase(rest.charAt(1)) ? rest
        : Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  private static boolean hasSetter(Class<?> iface, Method getter) {
    String suffix = getter.getName().substring(getter.getName().startsWith("get") ? 3 : 2);
    try {
      iface.getMethod("set" + suffix, getter.getReturnType());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Class<?> valueType(Method m) {
    if (m.getReturnType() == ValueProvider.class && m.getGenericReturnType() instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[0];
      if (arg instanceof Class<?> c) {
        return c;
      }
      if (arg instanceof ParameterizedType pa && pa.getRawType() instanceof Class<?> raw) {
        return raw;
      }
      return Object.class;
    }
    return m.getReturnType();
  }

  private static OptionInfo.Kind kindOf(Class<?> t) {
    if (t == boolean.class || t == Boolean.class) {
      return OptionInfo.Kind.FLAG;
    }
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class || t == Short.class) {
      return OptionInfo.Kind.INTEGER;
    }
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return OptionInfo.Kind.NUMBER;
    }
    return t.isEnum() ? OptionInfo.Kind.CHOICE : OptionInfo.Kind.TEXT;
  }

  /** The {@code @Default.X} value as help shows it; empty for none or a computed one. */
  private static String defaultOf(Method m) {
    for (Annotation a : m.getAnnotations()) {
      Class<? extends Annotation> t = a.annotationType();
      if (t.getEnclosingClass() != Default.class || t == Default.InstanceFactory.class) {
        continue;
      }
      try {
        Object v = t.getMethod("value").invoke(a);
        return v instanceof Class<?> c ? c.getSimpleName() : String.valueOf(v);
      } catch (ReflectiveOperationException e) {
        return "";
      }
    }
    return "";
  }
}
