package studio.bud.track.runtime.internal;

import io.opentelemetry.api.common.AttributeKey;
import studio.bud.track.runtime.Masker;

/**
 * What of a call's content is recorded: the process-wide switch and masker behind {@code
 * Tracking.setCaptureContent} and {@code Tracking.setMasker}. One immutable instance is current
 * at a time, so the runtime reads one volatile field per recorded value and finds both settings
 * there; an unset masker costs a null check of a field of that instance.
 *
 * <p>Internal API: public only so that the runtime's public package can reach it. Not for users;
 * it may change in any release.
 */
public final class Content {

  private static volatile Content current = new Content(true, null);

  /** Whether inputs and outputs are recorded at all. */
  final boolean capture;

  /** Rewrites each rendered input and output, or {@code null}. */
  final Masker masker;

  private Content(boolean capture, Masker masker) {
    this.capture = capture;
    this.masker = masker;
  }

  /** The settings now; read once per recorded value. */
  static Content current() {
    return current;
  }

  /** Whether inputs and outputs are recorded (default {@code true}). */
  public static boolean captures() {
    return current.capture;
  }

  /** Switches recording of inputs and outputs on or off for the whole process. */
  public static synchronized void setCapture(boolean capture) {
    current = new Content(capture, current.masker);
  }

  /** Installs {@code masker} for the whole process; {@code null} removes it. */
  public static synchronized void setMasker(Masker masker) {
    current = new Content(current.capture, masker);
  }

  /**
   * {@code rendered} as the masker rewrites it (cut to the maximum attribute length if it grew
   * past it), or {@code null} when the attribute is to be left out: the masker returned {@code
   * null}, or threw, which is {@linkplain Failures reported}. Call only when {@link #masker} is set.
   */
  String mask(AttributeKey<String> key, String rendered) {
    String masked;
    try {
      masked = masker.mask(key.getKey(), rendered);
    } catch (Throwable failure) {
      Failures.report("the masker (attribute " + key.getKey() + " left out)", failure);
      return null;
    }
    return masked == null ? null : Repr.truncate(masked, TrackingState.maxAttributeLength());
  }

  /** {@code rendered}, masked when a masker is set; {@code null}: leave the attribute out. */
  String apply(AttributeKey<String> key, String rendered) {
    return masker == null ? rendered : mask(key, rendered);
  }
}
