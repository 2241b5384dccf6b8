package studio.bud.track.processor.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link Probe} implementation that does what a property test scripts: records every argument
 * it receives, then throws {@link #failure} if set (checked or not, whatever the method declares,
 * as code from other JVM languages can) or returns {@link #result}. Streamed results (iterator,
 * stream, publisher) yield {@link #elements} and then, if set, fail with {@link #failure}.
 */
final class Scripted implements Probe {

  final List<Object> received = new ArrayList<>();
  Object result;
  Throwable failure;
  List<Object> elements = List.of();

  private Object answer(Object argument) {
    received.add(argument);
    if (failure != null) {
      throw Scripted.<RuntimeException>sneaky(failure);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable failure) throws T {
    throw (T) failure;
  }

  @Override
  public Object echo(Object value) {
    return answer(value);
  }

  @Override
  public void accept(Object value) {
    answer(value);
  }

  @Override
  public Object raise(Throwable error) throws Throwable {
    return answer(error);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<Object, Object> map(Map<Object, Object> value) {
    return (Map<Object, Object>) answer(value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<Object, Object> selected(Map<Object, Object> value) {
    return (Map<Object, Object>) answer(value);
  }

  @Override
  public int integer(int value) {
    return (Integer) answer(value);
  }

  @Override
  public long whole(long value) {
    return (Long) answer(value);
  }

  @Override
  public short small(short value) {
    return (Short) answer(value);
  }

  @Override
  public byte octet(byte value) {
    return (Byte) answer(value);
  }

  @Override
  public double real(double value) {
    return (Double) answer(value);
  }

  @Override
  public float ratio(float value) {
    return (Float) answer(value);
  }

  @Override
  public boolean flag(boolean value) {
    return (Boolean) answer(value);
  }

  @Override
  public char letter(char value) {
    return (Character) answer(value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<Object> later(CompletableFuture<Object> value) {
    return (CompletableFuture<Object>) answer(value);
  }

  @Override
  public Iterator<Object> iterator(Iterator<Object> value) {
    received.add(value);
    return source();
  }

  @Override
  public Stream<Object> stream(Stream<Object> value) {
    received.add(value);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(source(), Spliterator.ORDERED), false);
  }

  @Override
  public Flow.Publisher<Object> publisher(Flow.Publisher<Object> value) {
    received.add(value);
    return publisherOf(elements, failure);
  }

  /**
   * A publisher that signals {@code items} on the requesting thread, as demand allows, then
   * {@code onError(end)} if {@code end} is set, else {@code onComplete}.
   */
  static Flow.Publisher<Object> publisherOf(List<Object> items, Throwable end) {
    return publisherOf(items::iterator, end);
  }

  /**
   * As {@link #publisherOf(List, Throwable)}, with each subscription's items from a fresh {@code
   * source.get()} iterator, pulled as demand allows (so nothing is kept but what the iterator keeps).
   */
  static Flow.Publisher<Object> publisherOf(java.util.function.Supplier<Iterator<Object>> source, Throwable end) {
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              private final Iterator<Object> items = source.get();
              private long demand;
              private boolean done;
              private boolean emitting;

              @Override
              public void request(long n) {
                if (done) {
                  return;
                }
                demand = n <= 0 || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (emitting) {
                  return; // a request from inside onNext: the loop below goes on
                }
                emitting = true;
                try {
                  while (!done && demand > 0 && items.hasNext()) {
                    demand--;
                    subscriber.onNext(items.next());
                  }
                  if (!done && !items.hasNext()) {
                    done = true;
                    if (end != null) {
                      subscriber.onError(end);
                    } else {
                      subscriber.onComplete();
                    }
                  }
                } finally {
                  emitting = false;
                }
              }

              @Override
              public void cancel() {
                done = true;
              }
            });
  }

  /** Yields {@link #elements}, then fails with {@link #failure} if set. */
  private Iterator<Object> source() {
    List<Object> items = elements;
    Throwable end = failure;
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < items.size() || end != null;
      }

      @Override
      public Object next() {
        if (next < items.size()) {
          return items.get(next++);
        }
        if (end != null) {
          throw Scripted.<RuntimeException>sneaky(end);
        }
        throw new NoSuchElementException();
      }
    };
  }
}
