package dev.tracegen.dedup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Survivor choice, shared by every dedup kind: pure logic, tested without Beam. */
public final class Clusters {
  private Clusters() {}

  /**
   * Eval members first, then the smallest id: the survivor is the smallest eval id when the cluster
   * has an eval member (so a cluster never straddles the split: its train members go), otherwise
   * the smallest id. Deterministic on every runner.
   */
  public static final Comparator<Member> SURVIVOR_ORDER =
      Comparator.comparing((Member m) -> !"eval".equals(m.split())).thenComparing(Member::id);

  /** The decisions for every member but the survivor of one cluster. */
  static List<Decision> decide(String kind, List<Member> members) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(SURVIVOR_ORDER);
    Member survivor = sorted.get(0);
    String cluster = members.stream().map(Member::id).min(Comparator.naturalOrder()).orElseThrow();
    List<Decision> out = new ArrayList<>();
    for (Member m : sorted.subList(1, sorted.size())) {
      out.add(new Decision(m.id(), m.split(), kind, cluster, members.size(), survivor.id(), survivor.split(),
          m.neighbour(), m.similarity()));
    }
    return out;
  }
}
