package studio.bud.track.examples;

import java.util.Map;
import studio.bud.track.Track;

/**
 * The example's chain: the Java counterpart of the Python SDK's {@code pipeline} step, whose span
 * is the parent of the {@link Assistant#ask} spans made while it runs.
 */
public interface Pipeline {

  /** Returns {@code summary} (a one-sentence summary of {@code topic}) and {@code followup}. */
  @Track(name = "pipeline", type = "chain")
  Map<String, String> run(String topic);
}
