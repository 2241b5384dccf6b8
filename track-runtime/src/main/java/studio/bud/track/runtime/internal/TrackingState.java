package studio.bud.track.runtime.internal;

import io.opentelemetry.api.OpenTelemetry;

/**
 * The process-wide tracing state behind {@link studio.bud.track.runtime.Tracking}.
 *
 * <p>Internal API: public only so that the runtime's public package ({@code Tracking} and its
 * configuration) can install, clear and read it. Not for users; it may change in any release.
 */
public final class TrackingState {

  /** The default for {@link #maxAttributeLength()}. */
  public static final int DEFAULT_MAX_ATTRIBUTE_LENGTH = 1000;

  /** The shortest allowed attribute length: room for one character and {@code ...}. */
  public static final int MIN_MAX_ATTRIBUTE_LENGTH = 4;

  /** The default for {@link #maxStackTraceLength()}. */
  public static final int DEFAULT_MAX_STACK_TRACE_LENGTH = 16_384;

  /** Non-null exactly while tracing is configured. Read once per traced call. */
  private static volatile Active active;

  private static volatile int maxAttributeLength = DEFAULT_MAX_ATTRIBUTE_LENGTH;

  private static volatile int maxStackTraceLength = DEFAULT_MAX_STACK_TRACE_LENGTH;

  private TrackingState() {}

  /** The one cheap check of the disabled path. */
  public static boolean isOn() {
    return active != null;
  }

  /** The active configuration, or {@code null} when tracing is off. */
  public static Active active() {
    return active;
  }

  /**
   * The longest attribute value recorded, in Unicode code points; longer renderings end in {@code
   * ...}.
   */
  public static int maxAttributeLength() {
    return maxAttributeLength;
  }

  /** Sets {@link #maxAttributeLength()}; values below {@value #MIN_MAX_ATTRIBUTE_LENGTH} are raised to it. */
  public static void setMaxAttributeLength(int length) {
    maxAttributeLength = Math.max(MIN_MAX_ATTRIBUTE_LENGTH, length);
  }

  /**
   * The longest {@code exception.stacktrace} recorded, in Unicode code points; a longer trace is
   * cut and ends in {@code ...}.
   */
  public static int maxStackTraceLength() {
    return maxStackTraceLength;
  }

  /** Sets {@link #maxStackTraceLength()}; values below {@value #MIN_MAX_ATTRIBUTE_LENGTH} are raised to it. */
  public static void setMaxStackTraceLength(int length) {
    maxStackTraceLength = Math.max(MIN_MAX_ATTRIBUTE_LENGTH, length);
  }

  /**
   * Installs {@code next} if nothing is configured; returns whether it was installed. Synchronized
   * with {@link #clear()} so that two racing {@code configure} calls cannot both win.
   */
  public static synchronized boolean install(Active next) {
    if (active != null) {
      return false;
    }
    Failures.reset();
    active = next;
    return true;
  }

  /** Turns tracing off and returns what was active, or {@code null}. */
  public static synchronized Active clear() {
    Active previous = active;
    active = null;
    return previous;
  }

  /**
   * One configuration: the {@link OpenTelemetry} spans come from, and what to close on shutdown
   * when the runtime built it itself ({@code null} for an instance the application handed over).
   * Identity matters: {@link TrackedMethod} caches its tracer per {@code Active} instance.
   */
  public static final class Active {
    private final OpenTelemetry openTelemetry;
    private final AutoCloseable owned;

    public Active(OpenTelemetry openTelemetry, AutoCloseable owned) {
      this.openTelemetry = openTelemetry;
      this.owned = owned;
    }

    public OpenTelemetry openTelemetry() {
      return openTelemetry;
    }

    /** What {@code shutdown()} closes, or {@code null} when the application owns the instance. */
    public AutoCloseable owned() {
      return owned;
    }
  }
}
