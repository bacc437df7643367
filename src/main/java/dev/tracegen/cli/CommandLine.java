package dev.tracegen.cli;

import dev.tracegen.io.ObjectStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The command line of one command, parsed the one way every command parses it: its positional
 * arguments (a corpus DIR, say) and its {@code --options}, checked by the command's {@link
 * OptionCatalog} (typos, types, missing values) and then handed to Beam as the command's options
 * interface.
 */
public final class CommandLine<T extends PipelineOptions> {
  private final List<String> positional;
  private final T options;
  private final Map<String, String> given;

  private CommandLine(List<String> positional, T options, Map<String, String> given) {
    this.positional = List.copyOf(positional);
    this.options = options;
    this.given = given;
  }

  /** Parses {@code args} of {@code command}, whose options are exactly those of {@code type}. */
  public static <T extends PipelineOptions> CommandLine<T> parse(String command, String[] args, List<String> positionals,
      Class<T> type) {
    return parse(OptionCatalog.of(command, List.of(type)), args, positionals, type);
  }

  /**
   * Parses {@code args} against {@code catalog}, which may accept more options than {@code type}
   * declares (run's accepts the runners' options too).
   *
   * @param positionals the names of the positional arguments, in order ({@code DIR}); each must be given
   * @throws UsageException naming the catalog's command: an unknown option (with the closest known
   *     one), a bad or missing value, a missing or an extra positional argument
   */
  public static <T extends PipelineOptions> CommandLine<T> parse(OptionCatalog catalog, String[] args,
      List<String> positionals, Class<T> type) {
    String command = catalog.command();
    List<String> positional = new ArrayList<>();
    List<String> options = new ArrayList<>();
    String extra = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (isWord(arg) && !positionals.isEmpty()) {
        if (positional.size() < positionals.size()) {
          positional.add(arg);
        } else if (extra == null) {
          extra = catalog.unexpected(arg, i > 0 ? args[i - 1] : "",
              command + " takes " + String.join(" ", positionals) + " and --name=value options");
        }
        continue;
      }
      // A command without positional arguments leaves stray words to normalize, which says why they are wrong.
      options.add(arg);
      if (i + 1 < args.length && takesNext(catalog, arg, args[i + 1])) {
        options.add(args[++i]);
      }
    }
    // Options first: a misspelt option can leave its value looking like an extra argument.
    String[] normalized = catalog.normalize(options.toArray(String[]::new));
    if (extra != null) {
      throw new UsageException(command, extra);
    }
    if (positional.size() < positionals.size()) {
      throw new UsageException(command, "missing " + positionals.get(positional.size()));
    }
    Map<String, String> given = new HashMap<>();
    for (String arg : normalized) {
      int eq = arg.indexOf('=');
      given.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    PipelineOptionsFactory.register(type);
    T parsed = PipelineOptionsFactory.fromArgs(normalized).withValidation().as(type);
    ObjectStores.register(parsed, given.containsKey("awsRegion"));
    return new CommandLine<>(positional, parsed, given);
  }

  /** The positional arguments, one for each name the command declared. */
  public List<String> positional() {
    return positional;
  }

  /** The options, defaults filled in by Beam. */
  public T options() {
    return options;
  }

  /**
   * The value of {@code --name} as given on the command line, or null when it was not given or
   * given blank ({@code --name=}). For options whose default the command works out itself (the
   * run's value from run.json): Beam wants one {@code @Default} for a name across all options
   * interfaces, so {@link #options()} cannot tell such an option's default from a given value.
   */
  public String given(String name) {
    String value = given.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static boolean isWord(String arg) {
    return !arg.startsWith("-") || arg.equals("-");
  }

  /** Whether {@code next} is the value of {@code arg}: the same rule {@link OptionCatalog#normalize} joins by. */
  private static boolean takesNext(OptionCatalog catalog, String arg, String next) {
    if (!arg.startsWith("--") || arg.contains("=")) {
      return false;
    }
    Optional<OptionInfo> o = catalog.get(arg.substring(2));
    if (o.isEmpty()) {
      return false;
    }
    return o.get().kind() == OptionInfo.Kind.FLAG
        ? next.equalsIgnoreCase("true") || next.equalsIgnoreCase("false")
        : !next.startsWith("--");
  }
}
