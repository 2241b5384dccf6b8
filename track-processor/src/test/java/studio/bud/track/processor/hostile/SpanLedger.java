package studio.bud.track.processor.hostile;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A span processor that keeps the books on every span of the SDK: how often each one started and
 * ended (by span id), and the finished data of each. A span that ends twice, or never, shows up
 * here whatever exporter is installed. Waiting for spans to end waits on their {@code onEnd}, with
 * a timeout, never on the clock alone.
 */
final class SpanLedger implements SpanProcessor {

  private final Map<String, AtomicInteger> ends = new ConcurrentHashMap<>();
  private final Map<String, SpanData> finished = new ConcurrentHashMap<>();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();
  private final AtomicLong endedTwice = new AtomicLong();
  private final boolean keepData;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition anEnd = lock.newCondition();

  /** @param keepData whether to keep each finished span's data ({@link #finished()}) */
  SpanLedger(boolean keepData) {
    this.keepData = keepData;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    started.incrementAndGet();
    ends.put(span.getSpanContext().getSpanId(), new AtomicInteger());
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    AtomicInteger count = ends.get(span.getSpanContext().getSpanId());
    if (count == null || count.incrementAndGet() > 1) {
      endedTwice.incrementAndGet();
    }
    if (keepData) {
      SpanData data = span.toSpanData();
      finished.put(data.getSpanId(), data);
    }
    ended.incrementAndGet();
    lock.lock();
    try {
      anEnd.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  long started() {
    return started.get();
  }

  long ended() {
    return ended.get();
  }

  /** Spans that ended more than once (or ended without having started here). */
  long endedTwice() {
    return endedTwice.get();
  }

  /** Spans started but not (yet) ended. */
  long open() {
    return ends.values().stream().filter(count -> count.get() == 0).count();
  }

  /** The finished spans' data, when kept. */
  List<SpanData> finished() {
    return new ArrayList<>(finished.values());
  }

  /**
   * Waits until every started span has ended, running {@code nudge} (a garbage collection, for
   * dropped streams) before each wait; returns whether they all did before {@code timeoutMillis}.
   */
  boolean awaitAllEnded(long timeoutMillis, Runnable nudge) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (ended.get() < started.get()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      nudge.run();
      lock.lock();
      try {
        if (ended.get() < started.get()) {
          anEnd.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
        }
      } finally {
        lock.unlock();
      }
    }
    return true;
  }
}
