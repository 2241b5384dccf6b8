package studio.bud.track.runtime.internal;

import io.opentelemetry.context.Scope;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link Iterator} a traced method hands out in place of the one its delegate returned. Every
 * element passes through unchanged; the span is current while the source runs ({@code hasNext},
 * {@code next}), so spans the source starts while producing become children of it. The span ends
 * when the source is exhausted or throws, or, at the latest, once this iterator is dropped
 * unfinished and collected.
 */
final class TracedIterator<T> implements Iterator<T> {

  private final Iterator<T> source;
  private final FollowedStream followed;

  TracedIterator(Iterator<T> source, FollowedStream followed) {
    this.source = source;
    this.followed = followed;
    followed.endWhenUnreachable(this);
  }

  @Override
  public boolean hasNext() {
    boolean more;
    // try/finally rather than try-with-resources: the scope is only closed, never read.
    Scope scope = followed.enter();
    try {
      more = source.hasNext();
    } catch (Throwable failure) {
      followed.failed(failure);
      throw failure;
    } finally {
      FollowedStream.exit(scope);
    }
    if (!more) {
      followed.completed();
    }
    return more;
  }

  @Override
  public T next() {
    T element;
    Scope scope = followed.enter();
    try {
      element = source.next();
    } catch (Throwable failure) {
      // Asking past the end once the source said it was exhausted is the caller's mistake,
      // not a failure of the source.
      if (!(failure instanceof NoSuchElementException && followed.isEnded())) {
        followed.failed(failure);
      }
      throw failure;
    } finally {
      FollowedStream.exit(scope);
    }
    followed.element(element);
    return element;
  }

  @Override
  public void remove() {
    source.remove();
  }

  /**
   * Pulls element by element, so that {@code action}, the caller's code, runs outside the span
   * (the source's own {@code forEachRemaining} would run it inside).
   */
  @Override
  public void forEachRemaining(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    while (hasNext()) {
      action.accept(next());
    }
  }
}
