package dev.tracegen.plan;

import dev.tracegen.config.Profile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which plan slots a pipeline draws: per (split, constraint count) stratum a half-open range of
 * slot numbers. Slot j of a stratum is the same plan in every run with the same run seed, so a
 * later range is a top-up: the slots before it keep their plans and their cached answers.
 */
public record PlanSlots(List<Range> ranges) implements Serializable {
  /** Slots {@code [from, to)} of stratum {@code split.k}. */
  public record Range(String split, int k, int from, int to) implements Serializable {
    public Range {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("bad slot range [" + from + ", " + to + ") for " + split + " k=" + k);
      }
    }

    public int size() {
      return to - from;
    }
  }

  public PlanSlots {
    ranges = List.copyOf(ranges);
  }

  /** Slots {@code [0, planned)} of every stratum, {@code planned} from the profile's fixed over-generation factor. */
  public static PlanSlots fixed(Profile profile) {
    List<Range> out = new ArrayList<>();
    for (String split : List.of("train", "eval")) {
      if (profile.targets() == null || !profile.targets().containsKey(split)) {
        continue;
      }
      profile.stratumTargets(split).forEach((k, target) -> {
        int planned = profile.plannedCount(k, target);
        if (planned > 0) {
          out.add(new Range(split, k, 0, planned));
        }
      });
    }
    return new PlanSlots(out);
  }

  /** Slots {@code [from, to)} per stratum key {@code split.k}; empty ranges are left out. */
  public static PlanSlots of(Map<String, Integer> from, Map<String, Integer> to) {
    List<Range> out = new ArrayList<>();
    new TreeMap<>(to).forEach((stratum, end) -> {
      int start = from.getOrDefault(stratum, 0);
      if (end > start) {
        String[] parts = stratum.split("\\.");
        out.add(new Range(parts[0], Integer.parseInt(parts[1]), start, end));
      }
    });
    return new PlanSlots(out);
  }

  /**
   * These slots cut into the fewest parts of about {@code maxPlans} plans or fewer (one part when
   * 0), each with a like share of every range, so that every part has the same mix of strata.
   */
  public List<PlanSlots> parts(int maxPlans) {
    long total = total();
    if (maxPlans <= 0 || total <= maxPlans) {
      return List.of(this);
    }
    int n = (int) ((total + maxPlans - 1) / maxPlans);
    List<PlanSlots> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Range> part = new ArrayList<>();
      for (Range r : ranges) {
        int from = r.from() + (int) ((long) r.size() * i / n);
        int to = r.from() + (int) ((long) r.size() * (i + 1) / n);
        if (to > from) {
          part.add(new Range(r.split(), r.k(), from, to));
        }
      }
      out.add(new PlanSlots(part));
    }
    return out;
  }

  /** The number of plans. */
  public long total() {
    return ranges.stream().mapToLong(Range::size).sum();
  }

  public boolean isEmpty() {
    return total() == 0;
  }
}
