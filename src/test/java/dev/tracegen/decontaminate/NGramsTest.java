package dev.tracegen.decontaminate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NGramsTest {
  private final NGrams ngrams = new NGrams(3, 4);

  @Test
  void wordNGramsAreNormalisedAndStayWithinALine() {
    assertEquals(List.of("the quick brown", "quick brown fox", "jumps over the", "over the lazy", "the lazy dog"),
        List.copyOf(ngrams.grams("The QUICK, brown fox\n2. Jumps over the lazy dog!").keySet()));
  }

  @Test
  void listMarkersAreDropped() {
    assertEquals(ngrams.grams("use three short lines"), ngrams.grams("12. Use three short lines"));
    assertEquals(ngrams.grams("use three short lines"), ngrams.grams("3) use three short lines"));
  }

  @Test
  void cjkIsCutIntoCharacterNGramsAcrossPunctuationButNotAcrossWords() {
    assertEquals(List.of("描述需采", "述需采用", "需采用文", "采用文艺"), List.copyOf(ngrams.grams("描述需采，用文艺").keySet()));
    // A quoted Chinese passage in English text yields both kinds.
    List<String> mixed = List.copyOf(ngrams.grams("please translate this text 为一首歌曲写 now").keySet());
    assertEquals(List.of("please translate this", "translate this text", "为一首歌", "一首歌曲", "首歌曲写"), mixed);
    assertTrue(ngrams.grams("ab 为一首 cd 歌曲写").isEmpty(), "runs are broken by words");
  }

  @Test
  void hashesAreSortedDistinctAndKindSpecific() {
    long[] h = new NGrams(1, 1).hashes("a a b");
    assertEquals(2, h.length);
    assertTrue(h[0] < h[1]);
  }
}
