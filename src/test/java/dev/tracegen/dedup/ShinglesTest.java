package dev.tracegen.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegen.text.Tokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShinglesTest {
  private final Shingles shingles = new Shingles(3, 5);

  @Test
  void englishIsShingledByWordsAfterNormalising() {
    assertEquals(List.of("write a short", "a short poem", "short poem about", "poem about rain"),
        shingles.shingles("Write a SHORT poem, about rain!"));
  }

  @Test
  void cjkIsShingledByCharactersWithoutSpacesAndPunctuation() {
    assertEquals(List.of("为一首歌曲", "一首歌曲写", "首歌曲写一", "歌曲写一个"), shingles.shingles("为一首歌曲，写一个"));
    assertTrue(Tokens.cjkShare("为一首歌曲写一个简短描述 song") > 0.5);
  }

  @Test
  void shortTextsAreOneShingleAndEmptyTextsNone() {
    assertEquals(List.of("hello world"), shingles.shingles("Hello, world"));
    assertEquals(List.of(), shingles.shingles(" ... "));
    assertEquals(0, shingles.hashes("").length);
  }

  @Test
  void hashesAreSortedAndDistinct() {
    long[] h = shingles.hashes("a b c a b c a b c");
    assertEquals(3, h.length); // "a b c", "b c a", "c a b"
    for (int i = 1; i < h.length; i++) {
      assertTrue(h[i - 1] < h[i]);
    }
  }

  @Test
  void jaccardOfSortedSets() {
    assertEquals(1.0, Shingles.jaccard(new long[0], new long[0]));
    assertEquals(0.5, Shingles.jaccard(new long[] {1, 2, 3}, new long[] {1, 2, 3, 4, 5, 6}), 1e-9);
    assertEquals(2.0 / 4.0, Shingles.jaccard(new long[] {1, 2, 3}, new long[] {2, 3, 4}), 1e-9);
    assertArrayEquals(new long[] {1, 2}, Shingles.distinct(new long[] {1, 1, 2, 2}));
  }
}
