package studio.bud.track.runtime.internal;

import io.opentelemetry.context.Scope;
import java.util.Comparator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Builds the {@link Stream} a traced method hands out in place of the one its delegate returned:
 * the same elements, characteristics and sequential or parallel mode, as lazy as the source, and
 * closing it closes the source. The span is current while the source produces an element, not
 * while the caller's pipeline consumes it. The span ends when every part of the traversal is
 * exhausted, when the source throws, when the stream is closed, or, at the latest, once the stream
 * and all its parts are dropped unfinished and collected.
 */
final class TracedStreams {

  private TracedStreams() {}

  /**
   * The traced stream, or {@code source} itself (with the span ended, not completed) when the
   * source does not give its mode and spliterator: the caller then meets whatever the untraced
   * call would give, and tracing never throws.
   */
  static <T> Stream<T> of(Stream<T> source, FollowedStream followed) {
    boolean parallel;
    Spliterator<T> sourceParts;
    try {
      parallel = source.isParallel();
    } catch (Throwable broken) {
      // A custom Stream whose isParallel() throws: nothing was asked of it yet but this.
      followed.closedEarly();
      return source;
    }
    try {
      // Pulls nothing: a pipeline's spliterator only starts its source when first advanced.
      sourceParts = source.spliterator();
    } catch (Throwable alreadyUsedOrBroken) {
      // A stream already operated upon or closed (or a broken one): hand it over as it is, so
      // the caller meets the same error the untraced call would give.
      followed.closedEarly();
      return source;
    }
    Traversal traversal = new Traversal(followed);
    // Watch the traversal, not the stream: Stream.iterator() and spliterator() let the caller
    // drop the stream and keep reading, and every part of a parallel split holds the traversal.
    followed.endWhenUnreachable(traversal);
    return StreamSupport.stream(new TracedSpliterator<>(sourceParts, traversal), parallel)
        .onClose(() -> close(source, followed));
  }

  private static void close(Stream<?> source, FollowedStream followed) {
    try {
      source.close();
    } finally {
      followed.closedEarly(); // a no-op when the stream had already ended
    }
  }

  /** What the parts of one traversal share: the span, and how many parts are not exhausted. */
  private static final class Traversal {
    final FollowedStream followed;
    final AtomicInteger unfinishedParts = new AtomicInteger(1);

    Traversal(FollowedStream followed) {
      this.followed = followed;
    }

    void partExhausted() {
      if (unfinishedParts.decrementAndGet() == 0) {
        followed.completed();
      }
    }

    /** Before the new part can reach another thread. */
    void partSplitOff() {
      followed.shareBetweenThreads();
      unfinishedParts.incrementAndGet();
    }
  }

  /**
   * One part of the traversal. {@code tryAdvance} pulls one element from the source inside the
   * span scope into {@code pulled}, leaves the scope, and only then hands it to the pipeline.
   */
  private static final class TracedSpliterator<T> implements Spliterator<T> {
    private final Spliterator<T> source;
    private final Traversal traversal;
    private final FollowedStream followed;
    private T pulled;
    private final Consumer<T> holder = element -> this.pulled = element;
    private boolean exhausted;

    TracedSpliterator(Spliterator<T> source, Traversal traversal) {
      this.source = source;
      this.traversal = traversal;
      this.followed = traversal.followed;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      Objects.requireNonNull(action, "action");
      boolean advanced;
      Scope scope = followed.enter();
      try {
        advanced = source.tryAdvance(holder);
      } catch (Throwable failure) {
        followed.failed(failure);
        throw failure;
      } finally {
        FollowedStream.exit(scope);
      }
      if (!advanced) {
        if (!exhausted) {
          exhausted = true;
          traversal.partExhausted();
        }
        return false;
      }
      T element = pulled;
      pulled = null;
      followed.element(element);
      action.accept(element);
      return true;
    }

    @Override
    public Spliterator<T> trySplit() {
      Spliterator<T> prefix;
      // Inside the scope: splitting may produce (an iterator's spliterator reads a batch).
      Scope scope = followed.enter();
      try {
        prefix = source.trySplit();
      } catch (Throwable failure) {
        followed.failed(failure);
        throw failure;
      } finally {
        FollowedStream.exit(scope);
      }
      if (prefix == null) {
        return null;
      }
      traversal.partSplitOff();
      return new TracedSpliterator<>(prefix, traversal);
    }

    @Override
    public long estimateSize() {
      return source.estimateSize();
    }

    @Override
    public long getExactSizeIfKnown() {
      return source.getExactSizeIfKnown();
    }

    @Override
    public int characteristics() {
      return source.characteristics();
    }

    @Override
    public Comparator<? super T> getComparator() {
      return source.getComparator();
    }
  }
}
