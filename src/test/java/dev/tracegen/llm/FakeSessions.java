package dev.tracegen.llm;

import java.util.List;
import java.util.function.Function;

/** LLM sessions over a scripted model, for stage tests outside this package. */
public final class FakeSessions {
  private FakeSessions() {}

  /** A session whose n-th call (from 0) is answered with {@code answers.apply(n)}. */
  public static LlmSession scripted(String step, Function<Integer, String> answers) {
    return new LlmSession(LlmClientTest.client(LlmClientTest.settings(0, 1), new LlmClientTest.FakeModel(answers)), step);
  }

  /** The calls of a session. */
  public static List<Integer> counts(LlmSession session) {
    return List.of(session.calls, session.repairs);
  }
}
