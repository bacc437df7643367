package dev.tracegen.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code DIR --flag --key=value} arguments of the corpus commands ({@code stats}, {@code export}). */
final class Args {
  final List<String> positional = new ArrayList<>();
  final Map<String, String> options = new LinkedHashMap<>();

  private Args() {}

  /**
   * Parses {@code args}; {@code --x} is {@code x=true}. Options outside {@code known} are an error
   * naming the command, so a typo is not silently ignored.
   */
  static Args parse(String command, String[] args, Set<String> known) {
    Args a = new Args();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        if (!known.contains(key)) {
          throw new IllegalArgumentException(command + ": unknown option --" + key + " (see 'tracegen " + command + " --help')");
        }
        a.options.put(key, eq < 0 ? "true" : arg.substring(eq + 1));
      } else {
        a.positional.add(arg);
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
