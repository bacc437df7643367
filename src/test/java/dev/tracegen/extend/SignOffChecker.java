package dev.tracegen.extend;

import dev.tracegen.check.CheckResult;
import dev.tracegen.check.Checker;
import dev.tracegen.model.Constraint;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A checker that lives outside the main code, registered only through the test class path's
 * {@code META-INF/services/dev.tracegen.check.Checker}: the response must contain the sign-off
 * line given in the constraint's {@code closing} param (case and spacing aside). Fails closed on a
 * missing param, like every checker.
 */
public final class SignOffChecker implements Checker {
  public static final String ID = "sign_off_line";

  /** How many verdicts were given in this JVM (the DirectRunner runs in it), for the tests. */
  public static final AtomicLong VERDICTS = new AtomicLong();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CheckResult check(Constraint constraint, String response) {
    VERDICTS.incrementAndGet();
    String closing = constraint.param("closing").strip();
    if (closing.isEmpty()) {
      return CheckResult.fail("sign_off_line: no 'closing' param");
    }
    boolean found = normalise(response).contains(normalise(closing));
    return found ? CheckResult.pass("signs off with '" + closing + "'")
        : CheckResult.fail("no sign-off '" + closing + "' in the response");
  }

  private static String normalise(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
