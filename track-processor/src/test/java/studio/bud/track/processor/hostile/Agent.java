package studio.bud.track.processor.hostile;

import java.util.Iterator;
import java.util.stream.Stream;
import studio.bud.track.Track;

/**
 * Tracked methods that make tracked calls of their own: directly ({@link #plan}, {@link #fail}),
 * and while their streamed results are read ({@link #tokens}, {@link #words}). The calls are
 * tagged with {@code token}, so a test can tell which inner span belongs to which outer one.
 */
public interface Agent {

  @Track
  String plan(String token);

  /** Makes one inner call, then throws. */
  @Track
  String fail(String token);

  /** {@code count} elements, each produced by an inner call; a negative count fails after one. */
  @Track
  Iterator<String> tokens(String token, int count);

  /** As {@link #tokens}, as a stream. */
  @Track
  Stream<String> words(String token, int count);
}
