package studio.bud.track.runtime.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import studio.bud.track.runtime.spi.ResultAdapter;

/**
 * The {@link ResultAdapter}s on the class path, loaded with {@link ServiceLoader} from the
 * runtime's own class loader once per configuration (see the {@code spi} package documentation
 * for why), and looked up by exact result class. Methods ask once per configuration and keep the
 * answer; nothing here runs per call.
 */
final class ResultAdapters {

  /** The adapters of one configuration: their classes, and how their spans are shaped. */
  static final class Loaded {
    final TrackingState.Active active;
    private final Map<Class<?>, ResultAdapter<?>> byType;
    private final Map<Class<?>, ResultAdapter.Kind> kinds;

    Loaded(
        TrackingState.Active active,
        Map<Class<?>, ResultAdapter<?>> byType,
        Map<Class<?>, ResultAdapter.Kind> kinds) {
      this.active = active;
      this.byType = Collections.unmodifiableMap(byType);
      this.kinds = Collections.unmodifiableMap(kinds);
    }
  }

  /** The adapter of one method for one configuration; {@code adapter} null when there is none. */
  static final class Resolved {
    final TrackingState.Active active;
    final ResultAdapter<?> adapter;
    final ResultAdapter.Kind kind;

    Resolved(TrackingState.Active active, ResultAdapter<?> adapter, ResultAdapter.Kind kind) {
      this.active = active;
      this.adapter = adapter;
      this.kind = kind;
    }
  }

  /** More providers than any class path has; a bound in case a broken one repeats forever. */
  private static final int MAX_PROVIDERS = 1000;

  private static volatile Loaded loaded;

  private ResultAdapters() {}

  /** The adapter for results declared as {@code resultType} in {@code active}'s configuration. */
  static Resolved resolve(TrackingState.Active active, Class<?> resultType) {
    Loaded current = loaded;
    if (current == null || current.active != active) {
      current = load(active);
    }
    return new Resolved(active, current.byType.get(resultType), current.kinds.get(resultType));
  }

  private static synchronized Loaded load(TrackingState.Active active) {
    Loaded current = loaded;
    if (current != null && current.active == active) {
      return current; // another thread loaded them meanwhile
    }
    Map<Class<?>, ResultAdapter<?>> byType = new HashMap<>();
    Map<Class<?>, ResultAdapter.Kind> kinds = new HashMap<>();
    try {
      Iterator<ResultAdapter<?>> providers = providers();
      // Bounded: ServiceLoader recovers from a broken provider only "on a best-effort basis".
      for (int attempt = 0; attempt < MAX_PROVIDERS; attempt++) {
        // One provider at a time: an adapter whose framework is missing from the class path fails
        // to load (a ServiceConfigurationError or a LinkageError), and must not hide the others.
        try {
          if (!providers.hasNext()) {
            break;
          }
          ResultAdapter<?> adapter = providers.next();
          Class<?> type = adapter.resultType();
          ResultAdapter.Kind kind = adapter.kind();
          if (type != null && kind != null && !byType.containsKey(type)) {
            byType.put(type, adapter);
            kinds.put(type, kind);
          }
        } catch (ServiceConfigurationError | LinkageError unusable) {
          Failures.report("loading a result adapter", unusable);
        }
      }
    } catch (Throwable failure) {
      Failures.report("loading the result adapters", failure);
    }
    current = new Loaded(active, byType, kinds);
    loaded = current;
    return current;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Iterator<ResultAdapter<?>> providers() {
    // ServiceLoader.load takes a Class<S>, and there is no class literal of ResultAdapter<?>.
    ServiceLoader<ResultAdapter<?>> loader =
        (ServiceLoader)
            ServiceLoader.load(ResultAdapter.class, ResultAdapter.class.getClassLoader());
    return loader.iterator();
  }
}
