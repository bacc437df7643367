package dev.tracegen.check;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.util.concurrent.UncheckedExecutionException;
import java.util.Collection;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/** The checkers by id, as discovered through {@link ServiceLoader}. Immutable and thread-safe. */
public final class Checkers {
  /**
   * One registry per class loader, so {@link #load()} is cheap in every {@code @Setup}. Weak keys
   * and soft values let a runner (Flink) unload a finished job's class loader.
   */
  private static final Cache<ClassLoader, Checkers> LOADED =
      CacheBuilder.newBuilder().weakKeys().softValues().build();

  private final ImmutableSortedMap<String, Checker> byId;

  private Checkers(ImmutableSortedMap<String, Checker> byId) {
    this.byId = byId;
  }

  /**
   * The checkers visible to the thread context class loader (or this class's loader when there is
   * none).
   *
   * @throws IllegalStateException if two checkers share an id
   */
  public static Checkers load() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : Checkers.class.getClassLoader();
    try {
      return LOADED.get(
          loader,
          () ->
              of(
                  ServiceLoader.load(Checker.class, loader).stream()
                      .map(ServiceLoader.Provider::get)
                      .toList()));
    } catch (ExecutionException | UncheckedExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e);
    }
  }

  /**
   * A registry of exactly {@code checkers}.
   *
   * @throws IllegalStateException if two checkers share an id
   */
  public static Checkers of(Collection<? extends Checker> checkers) {
    TreeMap<String, Checker> byId = new TreeMap<>();
    for (Checker checker : checkers) {
      Checker previous = byId.putIfAbsent(checker.id(), checker);
      if (previous != null) {
        throw new IllegalStateException(
            "checker id '"
                + checker.id()
                + "' is used by both "
                + previous.getClass().getName()
                + " and "
                + checker.getClass().getName());
      }
    }
    return new Checkers(ImmutableSortedMap.copyOfSorted(byId));
  }

  public Optional<Checker> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The known ids, sorted. */
  public Set<String> ids() {
    return byId.keySet();
  }
}
