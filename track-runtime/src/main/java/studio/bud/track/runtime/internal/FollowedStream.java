package studio.bud.track.runtime.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import studio.bud.track.Track;

/**
 * The span of one streamed result ({@code Iterator}, {@code Stream}, {@code Flow.Publisher}):
 * counts the elements, keeps what the output needs, and ends the span exactly once, however the
 * stream ends: exhausted, failed, closed early, or dropped and collected.
 *
 * <p>What is kept is bounded by the rendered size of the output, whatever the elements' type and
 * size, while counting goes on:
 *
 * <ul>
 *   <li>By default, while every element is text, the texts (a long one cut to what the output can
 *       show), until their concatenation passes what the output can show; from the first element
 *       that is not text on, the rendering of the list, each element rendered as it arrives, until
 *       it passes the limit. So a stream of one-megabyte arrays keeps no more than a stream of
 *       words.
 *   <li>With a custom aggregator, the elements themselves, as long as the rendering of the list of
 *       kept elements stays within the limit: the aggregator receives that prefix of the stream
 *       (possibly empty, when the first element alone renders longer than the limit), and {@code
 *       bud.track.yield_count} still counts every element.
 * </ul>
 */
final class FollowedStream {

  private static final String SEPARATOR = ", ";

  private final Span span;
  private final Context context;
  private final boolean captureOutput;
  private final Track.Aggregator aggregator;
  private final int maxLength;
  /** Characters enough for {@code maxLength + 1} code points, even if all are surrogate pairs. */
  private final long budget;
  private final AtomicBoolean ended = new AtomicBoolean();

  /** Whether parts of a parallel stream report elements at once: then counting takes the lock. */
  private boolean shared;
  /** Written by the thread that reports elements (see {@link #element}), read under the lock. */
  private long count;

  // Guarded by this (written only under the lock; see element for the plain reads).
  /** Whether elements are still kept: capture on, and the bound not reached. */
  private boolean keeping;
  /** The default output while every element was text: the texts, at most {@link #budget} chars. */
  private List<String> texts;
  private long textChars;
  /** The default output once an element was not text: {@code [e1, e2} rendered so far. */
  private StringBuilder listed;
  /** With a custom aggregator: the elements kept, and the length of their list rendering. */
  private List<Object> kept;
  private long keptLength;

  private Cleaner.Cleanable cleanable;

  /**
   * @param context the context to make current while the source produces: the span's own
   */
  FollowedStream(Span span, Context context, boolean captureOutput, Track.Aggregator aggregator) {
    this.span = span;
    this.context = context;
    this.captureOutput = captureOutput && span.isRecording() && Content.captures();
    this.aggregator = aggregator;
    this.maxLength = TrackingState.maxAttributeLength();
    this.budget = 2L * maxLength + 2;
    this.keeping = this.captureOutput;
    if (this.captureOutput) {
      if (aggregator == null) {
        texts = new ArrayList<>();
      } else {
        kept = new ArrayList<>();
      }
    }
  }

  /**
   * Ends the span as abandoned (completed {@code false}) once {@code owner}, the wrapper handed to
   * the caller, becomes unreachable without having finished.
   */
  void endWhenUnreachable(Object owner) {
    try {
      cleanable = Cleaners.get().register(owner, this::closedEarly);
    } catch (Throwable failure) {
      Failures.report("watching a streamed result", failure);
    }
  }

  /** Makes the span current while the source produces; never throws. */
  Scope enter() {
    try {
      return context.makeCurrent();
    } catch (Throwable failure) {
      Failures.report("making a span current", failure);
      return Scope.noop();
    }
  }

  /** Closes a scope of {@link #enter()}; never throws. */
  static void exit(Scope scope) {
    TrackedMethod.exit(scope);
  }

  /**
   * Counts an element, and keeps what the output can still use of it. Never throws: the element is
   * the caller's, and reaches the caller whatever its methods do.
   *
   * <p>The elements of one stream arrive one at a time: an iterator is pulled by one thread at a
   * time, a subscriber's signals and a callback stream's callbacks are serial. So counting takes no
   * lock, until {@link #shareBetweenThreads()} says that parts of a parallel stream report at
   * once. The lock guards what is kept, because the end ({@link #closedEarly()} from a
   * cancellation) may come from another thread while an element is kept: it is taken only while
   * elements are still kept, so past the bound an element costs a count.
   */
  void element(Object item) {
    if (shared) {
      synchronized (this) {
        countAndKeep(item);
      }
    } else {
      countAndKeep(item);
    }
  }

  /**
   * From now on, elements may be reported from several threads at once: a parallel stream's
   * traversal was split. Called before the new part is handed to another thread, so that thread
   * sees it.
   */
  void shareBetweenThreads() {
    shared = true;
  }

  private void countAndKeep(Object item) {
    count++;
    // Plain reads: both only ever change once, under the lock, which is then taken to look again.
    if (keeping || (texts != null && !(item instanceof CharSequence))) {
      synchronized (this) {
        keep(item);
      }
    }
  }

  private void keep(Object item) {
    if (!keeping) {
      if (texts != null && !(item instanceof CharSequence)) {
        // The output becomes the list after all. Its rendering of the texts kept is already past
        // the limit, so this element would not show: only the form changes.
        startList();
      }
      return;
    }
    try {
      if (aggregator != null) {
        keepForAggregator(item);
      } else if (listed == null && item instanceof CharSequence) {
        keepText((CharSequence) item);
      } else {
        keepRendered(item);
      }
    } catch (Throwable failure) {
      keeping = false;
      Failures.report("keeping a streamed element", failure);
    }
  }

  private void keepText(CharSequence item) {
    String text;
    try {
      int room = (int) Math.min(Integer.MAX_VALUE, budget - textChars);
      int length = item.length();
      text = length <= room ? item.toString() : item.subSequence(0, room).toString();
    } catch (Throwable hostile) {
      // A CharSequence that cannot produce its characters: render the list instead, where it
      // shows as unrepresentable in place and the other elements still appear.
      keepRendered(item);
      return;
    }
    texts.add(text);
    textChars += text.length();
    keeping = textChars < budget && texts.size() <= maxLength;
  }

  /** Appends {@code item}'s rendering to the list, which starts with the texts kept so far. */
  private void keepRendered(Object item) {
    if (listed == null) {
      startList();
    }
    if (listed.length() <= budget) {
      appendElement(Repr.of(item, maxLength));
    }
    keeping = listed.length() <= budget;
  }

  /** Turns the texts kept so far into the start of the list's rendering. */
  private void startList() {
    listed = new StringBuilder("[");
    List<String> before = texts;
    texts = null;
    for (int i = 0; i < before.size() && listed.length() <= budget; i++) {
      appendElement(Repr.of(before.get(i), maxLength));
    }
  }

  private void appendElement(String rendered) {
    if (listed.length() > 1) {
      listed.append(SEPARATOR);
    }
    listed.append(rendered);
  }

  private void keepForAggregator(Object item) {
    long length = renderedLength(item) + (kept.isEmpty() ? 2 : SEPARATOR.length());
    if (keptLength + length > maxLength) {
      keeping = false; // the kept elements stay a prefix of the stream
      return;
    }
    kept.add(item);
    keptLength += length;
  }

  /** About how long {@code item} renders as a list element. */
  private int renderedLength(Object item) {
    if (item instanceof String) {
      return ((String) item).length() + 2;
    }
    return Repr.of(item, maxLength + 1).length();
  }

  boolean isEnded() {
    return ended.get();
  }

  /** The source is exhausted: completed {@code true}, status OK. */
  void completed() {
    finish(true, null);
  }

  /** The source failed: the error is recorded, status ERROR. */
  void failed(Throwable error) {
    finish(false, error);
  }

  /** Closed, cancelled or dropped before the end: completed {@code false}, status unset. */
  void closedEarly() {
    finish(false, null);
  }

  private void finish(boolean completed, Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      if (span.isRecording()) {
        synchronized (this) {
          span.setAttribute(SpanAttributes.YIELD_COUNT, count);
          span.setAttribute(SpanAttributes.COMPLETED, completed);
          if (captureOutput && count > 0) {
            SpanOutcome.renderedOutput(span, renderOutput());
          }
          texts = null;
          listed = null;
          kept = null;
          keeping = false;
        }
      }
    } catch (Throwable failure) {
      Failures.report("recording a streamed result", failure);
    }
    if (error != null) {
      SpanOutcome.error(span, error);
    } else if (completed) {
      SpanOutcome.ok(span);
    } else {
      SpanOutcome.end(span);
    }
    Cleaner.Cleanable registered = cleanable;
    if (registered != null) {
      registered.clean(); // runs closedEarly(), a no-op now, and forgets the owner
    }
  }

  private String renderOutput() {
    if (aggregator != null) {
      List<Object> items = Collections.unmodifiableList(kept);
      try {
        return Repr.of(aggregator.aggregate(items), maxLength);
      } catch (Throwable failure) {
        return Repr.of(safeToString(items), maxLength);
      }
    }
    if (listed == null) {
      StringBuilder text = new StringBuilder();
      for (String piece : texts) {
        text.append(piece);
      }
      return Repr.of(text, maxLength);
    }
    // Past the budget the closing bracket is never shown: the cut comes before it.
    return Repr.truncate(listed.length() <= budget ? listed + "]" : listed.toString(), maxLength);
  }

  /** {@code String.valueOf(items)}, or the items' repr when an element's {@code toString()} throws. */
  private static Object safeToString(List<Object> items) {
    try {
      return String.valueOf(items);
    } catch (Throwable failure) {
      return items;
    }
  }
}
