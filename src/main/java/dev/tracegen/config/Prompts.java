package dev.tracegen.config;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt templates, one file per LLM step in {@code prompts/}, with {@code {{var}}}
 * placeholders. Each template's hash goes into lineage and cache keys, so editing one prompt
 * invalidates that step only.
 */
public final class Prompts implements Serializable {
  public static final List<String> STEPS = List.of("expand", "structure", "quality", "respond", "judge", "perturb");
  private static final Pattern VAR = Pattern.compile("\\{\\{([a-z_]+)}}");

  private final Map<String, String> templates;
  private final Map<String, String> hashes;

  private Prompts(Map<String, String> templates) {
    this.templates = new TreeMap<>(templates);
    this.hashes = new TreeMap<>();
    templates.forEach((k, v) -> hashes.put(k, Hashing.sha256().hashString(v, StandardCharsets.UTF_8).toString().substring(0, 12)));
  }

  public static Prompts load(Path dir) {
    Map<String, String> t = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (String step : STEPS) {
      Path f = dir.resolve(step + ".txt");
      if (!Files.isRegularFile(f)) {
        missing.add(f.toString());
        continue;
      }
      try {
        t.put(step, Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read prompt " + f + ": " + e.getMessage());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing prompt template(s): " + String.join(", ", missing));
    }
    return new Prompts(t);
  }

  public String hash(String step) {
    return hashes.get(step);
  }

  public Map<String, String> hashes() {
    return hashes;
  }

  /** Fills {@code {{var}}} placeholders; an unknown variable is an error, not silently kept. */
  public String render(String step, Map<String, String> vars) {
    String template = templates.get(step);
    Matcher m = VAR.matcher(template);
    StringBuilder sb = new StringBuilder(template.length() + 512);
    while (m.find()) {
      String v = vars.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException("prompt '" + step + "' uses {{" + m.group(1) + "}} which the step does not provide");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
