package studio.bud.track.runtime;

/**
 * The logger of the runtime's public classes ({@code studio.bud.track}, through {@link
 * System.Logger}), so that none of them needs another only for logging.
 *
 * <p>{@code internal.Failures} logs under the same name. It keeps its own handle because sharing
 * this one across the two packages would need a public member in an exported package.
 */
final class TrackingLog {

  static final System.Logger LOG = System.getLogger("studio.bud.track");

  private TrackingLog() {}
}
