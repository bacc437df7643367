package dev.tracegen.report;

import dev.tracegen.cli.OptionCatalog;
import dev.tracegen.cli.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code DIR --flag --key=value} arguments of the corpus commands ({@code stats}, {@code export}). */
final class Args {
  final List<String> positional = new ArrayList<>();
  final Map<String, String> options = new LinkedHashMap<>();

  private Args() {}

  /**
   * Parses {@code args}: {@code --flag} (or {@code --flag=true|false}) for each of {@code flags},
   * {@code --key=value} or {@code --key value} for each of {@code valued}. Anything else is a
   * {@link UsageException} naming the command, with the closest known option, so a typo is not
   * silently ignored.
   */
  static Args parse(String command, String[] args, Set<String> flags, Set<String> valued) {
    Args a = new Args();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-")) {
        a.positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String key = arg.startsWith("--") ? (eq < 0 ? arg.substring(2) : arg.substring(2, eq)) : "";
      if (flags.contains(key)) {
        String v = eq < 0 ? "true" : arg.substring(eq + 1);
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new UsageException(command, "--" + key + ": expected true or false, got '" + v + "'");
        }
        a.options.put(key, v);
      } else if (valued.contains(key)) {
        if (eq >= 0) {
          a.options.put(key, arg.substring(eq + 1));
        } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          a.options.put(key, args[++i]);
        } else {
          throw new UsageException(command, "--" + key + " needs a value (--" + key + "=...)");
        }
      } else {
        Set<String> known = new TreeSet<>();
        flags.forEach(f -> known.add("--" + f));
        valued.forEach(v -> known.add("--" + v));
        throw new UsageException(command, OptionCatalog.unknown(eq < 0 ? arg : arg.substring(0, eq), known));
      }
    }
    return a;
  }

  boolean flag(String key) {
    return "true".equalsIgnoreCase(options.getOrDefault(key, "false"));
  }

  String get(String key, String fallback) {
    String v = options.get(key);
    return v == null || v.isBlank() ? fallback : v;
  }
}
