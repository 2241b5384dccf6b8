package studio.bud.track.processor.hostile;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The context storage of this module's tests: OpenTelemetry's default (thread-local) storage,
 * unless a test arms a fault on its own thread ({@link #armed}), in which case {@code
 * Context.current()} throws, attaching a context throws, or the scope of an attached context throws
 * from {@code close()} (after closing, so the thread's context is still restored). It is the only
 * {@link ContextStorageProvider} on the test class path that OpenTelemetry picks up by itself
 * (sdk-testing's settable one is used only when named), so it is installed whatever test runs
 * first, and costs the others one thread-local read per context operation.
 */
final class FaultyContextStorage implements ContextStorage {

  /** What fails. */
  enum Fault {
    CURRENT_THROWS,
    ATTACH_THROWS,
    SCOPE_CLOSE_THROWS
  }

  /** Registered in {@code META-INF/services}. */
  public static final class Provider implements ContextStorageProvider {
    @Override
    public ContextStorage get() {
      return new FaultyContextStorage(ContextStorage.defaultStorage());
    }
  }

  private static final ThreadLocal<Fault> ARMED = new ThreadLocal<>();
  private static final AtomicLong FIRED = new AtomicLong();
  private static volatile boolean installed;

  private final ContextStorage real;

  private FaultyContextStorage(ContextStorage real) {
    this.real = real;
    installed = true;
  }

  /** What runs with a fault armed. */
  interface Action {
    void run() throws Throwable;
  }

  /**
   * Runs {@code action} on this thread with {@code fault} armed.
   *
   * @throws IllegalStateException when OpenTelemetry did not install this storage
   */
  static void armed(Fault fault, Action action) throws Throwable {
    Context.root(); // makes OpenTelemetry choose its storage, if it has not yet
    ContextStorage.get();
    if (!installed) {
      throw new IllegalStateException("OpenTelemetry did not install " + FaultyContextStorage.class);
    }
    ARMED.set(fault);
    try {
      action.run();
    } finally {
      ARMED.remove();
    }
  }

  /** Disarms this thread's fault, returning it ({@code null} for none) to {@link #rearm} later. */
  static Fault disarm() {
    Fault fault = ARMED.get();
    ARMED.remove();
    return fault;
  }

  static void rearm(Fault fault) {
    if (fault != null) {
      ARMED.set(fault);
    }
  }

  /** How often a fault fired, in all. */
  static long fired() {
    return FIRED.get();
  }

  @Override
  public Scope attach(Context toAttach) {
    Fault fault = ARMED.get();
    if (fault == Fault.ATTACH_THROWS) {
      throw fire("attach");
    }
    Scope scope = real.attach(toAttach);
    if (fault != Fault.SCOPE_CLOSE_THROWS) {
      return scope;
    }
    return () -> {
      scope.close();
      throw fire("Scope.close");
    };
  }

  @Override
  public Context current() {
    if (ARMED.get() == Fault.CURRENT_THROWS) {
      throw fire("current");
    }
    return real.current();
  }

  @Override
  public Context root() {
    return real.root();
  }

  private static IllegalStateException fire(String what) {
    FIRED.incrementAndGet();
    return new IllegalStateException("broken context storage: " + what);
  }
}
