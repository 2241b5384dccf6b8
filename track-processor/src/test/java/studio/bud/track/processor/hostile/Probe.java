package studio.bud.track.processor.hostile;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import studio.bud.track.Track;

/**
 * One tracked method per result kind and per primitive, so a hostile test can push any value or
 * failure through every path of the generated code. {@link Mirror} hands every argument back.
 */
public interface Probe {

  @Track
  Object echo(Object value);

  @Track
  void accept(Object value);

  /** Throws {@code error}, checked or not, exactly as given. */
  @Track
  Object raise(Throwable error) throws Throwable;

  @Track
  Map<Object, Object> map(Map<Object, Object> value);

  /** A map result of which only two keys are recorded. */
  @Track(captureOutputInclude = {"label", "score"})
  Map<Object, Object> selected(Map<Object, Object> value);

  @Track
  int integer(int value);

  @Track
  long whole(long value);

  @Track
  short small(short value);

  @Track
  byte octet(byte value);

  @Track
  double real(double value);

  @Track
  float ratio(float value);

  @Track
  boolean flag(boolean value);

  @Track
  char letter(char value);

  @Track
  CompletableFuture<Object> later(CompletableFuture<Object> value);

  @Track
  Iterator<Object> iterator(Iterator<Object> value);

  @Track
  Stream<Object> stream(Stream<Object> value);

  @Track
  Flow.Publisher<Object> publisher(Flow.Publisher<Object> value);
}
