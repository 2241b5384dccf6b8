package studio.bud.track.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of track-runtime, sent as {@code X-Bud-SDK-Version}. It comes from {@code
 * track-version.properties}, which the build writes next to this class from the project version, so
 * it is right in the jar and in a test run from {@code target/classes} alike (a manifest entry
 * would exist only in the jar). A jar repackaged without it reports {@code unknown}.
 */
final class TrackVersion {

  static final String UNKNOWN = "unknown";

  private static final String VERSION = read();

  private TrackVersion() {}

  static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = TrackVersion.class.getResourceAsStream("track-version.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").trim();
      return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
    } catch (IOException | IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
