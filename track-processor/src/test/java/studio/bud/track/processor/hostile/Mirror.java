package studio.bud.track.processor.hostile;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The implementation behind every {@link Probe}: returns its argument, counting calls. */
final class Mirror implements Probe {

  final AtomicInteger calls = new AtomicInteger();
  volatile Object lastArgument;

  private <T> T seen(T value) {
    calls.incrementAndGet();
    lastArgument = value;
    return value;
  }

  @Override
  public Object echo(Object value) {
    return seen(value);
  }

  @Override
  public void accept(Object value) {
    seen(value);
  }

  @Override
  public Object raise(Throwable error) throws Throwable {
    throw seen(error);
  }

  @Override
  public Map<Object, Object> map(Map<Object, Object> value) {
    return seen(value);
  }

  @Override
  public Map<Object, Object> selected(Map<Object, Object> value) {
    return seen(value);
  }

  @Override
  public int integer(int value) {
    return seen(value);
  }

  @Override
  public long whole(long value) {
    return seen(value);
  }

  @Override
  public short small(short value) {
    return seen(value);
  }

  @Override
  public byte octet(byte value) {
    return seen(value);
  }

  @Override
  public double real(double value) {
    return seen(value);
  }

  @Override
  public float ratio(float value) {
    return seen(value);
  }

  @Override
  public boolean flag(boolean value) {
    return seen(value);
  }

  @Override
  public char letter(char value) {
    return seen(value);
  }

  @Override
  public CompletableFuture<Object> later(CompletableFuture<Object> value) {
    return seen(value);
  }

  @Override
  public Iterator<Object> iterator(Iterator<Object> value) {
    return seen(value);
  }

  @Override
  public Stream<Object> stream(Stream<Object> value) {
    return seen(value);
  }

  @Override
  public Flow.Publisher<Object> publisher(Flow.Publisher<Object> value) {
    return seen(value);
  }
}
