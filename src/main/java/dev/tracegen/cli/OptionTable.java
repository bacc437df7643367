package dev.tracegen.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Which help section each option of a command belongs to, in display order. Descriptions and
 * defaults come from the options interface itself; this table only places options. An option of
 * the command's own interface that the table misses is still listed (under "Other options"), and
 * {@link #ungrouped} lets a test insist that there is none.
 */
public final class OptionTable {
  /** A help section. */
  public record Group(String title) {}

  /**
   * One option's place: its section, the placeholder its value is shown with (null: from its
   * type), whether the command refuses to run without it, and a description that replaces the
   * interface's (null: the interface's; for options declared by Beam, whose text is Beam's).
   */
  public record Row(String name, Group group, String metavar, boolean required, String description) {}

  private final List<Class<? extends PipelineOptions>> own;
  private final List<Row> rows;

  /**
   * @param own the command's own options interfaces: their options must all be placed
   * @param rows placed options, in display order within each group; groups show in order of first use
   */
  public OptionTable(List<Class<? extends PipelineOptions>> own, List<Row> rows) {
    this.own = List.copyOf(own);
    this.rows = List.copyOf(rows);
  }

  public static Row row(String name, Group group) {
    return new Row(name, group, null, false, null);
  }

  public static Row row(String name, Group group, String metavar) {
    return new Row(name, group, metavar, false, null);
  }

  public static Row row(String name, Group group, String metavar, String description) {
    return new Row(name, group, metavar, false, description);
  }

  public static Row required(String name, Group group, String metavar) {
    return new Row(name, group, metavar, true, null);
  }

  public List<Row> rows() {
    return rows;
  }

  /** Options of the command's own interfaces (not hidden) that no row places. */
  public List<String> ungrouped(OptionCatalog catalog) {
    Set<String> placed = placed();
    return catalog.all().stream()
        .filter(o -> !o.hidden() && own.stream().anyMatch(c -> c == o.owner()) && !placed.contains(o.name()))
        .map(OptionInfo::name).toList();
  }

  /** Rows that name no option of the catalog (a renamed or removed option). */
  public List<String> stale(OptionCatalog catalog) {
    return rows.stream().map(Row::name).filter(n -> catalog.get(n).isEmpty()).toList();
  }

  /** {@code --output=DIR} for each required option, for the usage line. */
  public String requiredSynopsis(OptionCatalog catalog) {
    List<String> parts = new ArrayList<>();
    for (Row r : rows) {
      if (r.required()) {
        catalog.get(r.name()).ifPresent(o -> parts.add(synopsis(o, r.metavar())));
      }
    }
    return String.join(" ", parts);
  }

  /**
   * The option sections: every group in order, then the command's own options no row places; with
   * {@code all}, also every other option the command accepts (Beam's and the runners'), by interface.
   */
  public String render(OptionCatalog catalog, boolean all) {
    Map<Group, List<String>> sections = new LinkedHashMap<>();
    for (Row r : rows) {
      catalog.get(r.name()).filter(o -> !o.hidden()).ifPresent(o ->
          sections.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(entry(o, r)));
    }
    StringBuilder b = new StringBuilder();
    sections.forEach((g, lines) -> section(b, g.title(), lines));
    List<String> other = new ArrayList<>();
    for (String name : ungrouped(catalog)) {
      catalog.get(name).ifPresent(o -> other.add(entry(o, row(name, null))));
    }
    section(b, "Other options", other);
    if (all) {
      Set<String> placed = placed();
      Map<String, List<String>> byOwner = new TreeMap<>();
      for (OptionInfo o : catalog.all()) {
        if (!o.hidden() && !placed.contains(o.name()) && own.stream().noneMatch(c -> c == o.owner())) {
          byOwner.computeIfAbsent(o.owner().getSimpleName(), k -> new ArrayList<>()).add(entry(o, row(o.name(), null)));
        }
      }
      byOwner.forEach((owner, lines) -> section(b, "Beam and runner options (" + owner + ")", lines));
    }
    return b.toString();
  }

  private Set<String> placed() {
    Set<String> placed = new HashSet<>();
    rows.forEach(r -> placed.add(r.name()));
    return placed;
  }

  private static void section(StringBuilder b, String title, Collection<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    b.append('\n').append(title).append(":\n");
    lines.forEach(b::append);
  }

  private static String entry(OptionInfo o, Row r) {
    String text = (r.description() != null ? r.description() : o.description()).strip();
    if (r.required()) {
      text = "(required) " + text;
    }
    // A description may state the default itself (one the command works out when it runs).
    int stated = text.indexOf("[default:");
    int end = text.indexOf(']', stated) + 1;
    if (stated >= 0 && end > 0) {
      text = text.substring(0, stated) + Help.unbroken(text.substring(stated, end)) + text.substring(end);
    }
    // A flag that is off unless given needs no default; every other default is worth showing.
    boolean offFlag = o.kind() == OptionInfo.Kind.FLAG && o.defaultValue().equals("false");
    if (!o.defaultValue().isEmpty() && !r.required() && !offFlag && stated < 0) {
      text += (text.isEmpty() ? "" : " ") + Help.unbroken("[default: " + o.defaultValue() + "]");
    }
    return Help.item(synopsis(o, r.metavar()), text);
  }

  private static String synopsis(OptionInfo o, String metavar) {
    if (o.kind() == OptionInfo.Kind.FLAG) {
      return "--" + o.name();
    }
    return "--" + o.name() + "=" + (metavar != null ? metavar : OptionCatalog.metavar(o));
  }
}
