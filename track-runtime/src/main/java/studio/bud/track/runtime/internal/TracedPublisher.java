package studio.bud.track.runtime.internal;

import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Flow.Publisher} a traced method hands out in place of the one its delegate returned.
 * Only the first subscription is traced (a second one would be a second run of the source, with
 * no span of its own); later subscriptions go to the source untouched. The span is current while
 * the source works for the traced subscriber: in {@code subscribe}, in {@code request} (where a
 * lazy publisher produces) and while {@code onSubscribe} and {@code onNext} are delivered. It ends
 * with {@code onComplete}, {@code onError} or {@code cancel}, or, if nobody ever subscribes, once
 * this publisher is collected.
 */
final class TracedPublisher<T> implements Flow.Publisher<T> {

  private final Flow.Publisher<T> source;
  private final Generation generation;
  private final AtomicBoolean traced = new AtomicBoolean();

  TracedPublisher(Flow.Publisher<T> source, Generation generation) {
    this.source = source;
    this.generation = generation;
    generation.endWhenUnreachable(this);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber"); // Reactive Streams rule 1.9
    if (!traced.compareAndSet(false, true)) {
      source.subscribe(subscriber);
      return;
    }
    Scope scope = generation.enter();
    try {
      source.subscribe(new TracedSubscriber<>(subscriber, generation, this));
    } catch (Throwable failure) {
      generation.failed(failure);
      throw failure;
    } finally {
      Generation.exit(scope);
    }
  }

  /** Stands between the source and the caller's subscriber, counting what passes. */
  private static final class TracedSubscriber<T> implements Flow.Subscriber<T> {
    private final Flow.Subscriber<? super T> downstream;
    private final Generation generation;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * Never read. The caller usually drops the publisher once it has subscribed, while the source
     * keeps the subscriber: holding the publisher here keeps it from being collected, and the span
     * from being ended as abandoned, for as long as the subscription lives.
     */
    @SuppressWarnings("unused")
    private final TracedPublisher<T> publisher;

    TracedSubscriber(
        Flow.Subscriber<? super T> downstream, Generation generation, TracedPublisher<T> publisher) {
      this.downstream = downstream;
      this.generation = generation;
      this.publisher = publisher;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      Objects.requireNonNull(subscription, "subscription"); // rule 2.13
      if (!subscribed.compareAndSet(false, true)) {
        subscription.cancel(); // rule 2.5: the downstream gets exactly one onSubscribe
        return;
      }
      Scope scope = generation.enter();
      try {
        downstream.onSubscribe(new TracedSubscription(subscription, generation));
      } finally {
        Generation.exit(scope);
      }
    }

    @Override
    public void onNext(T item) {
      generation.element(item);
      Scope scope = generation.enter();
      try {
        downstream.onNext(item);
      } finally {
        Generation.exit(scope);
      }
    }

    /** Delivered after the span has ended, so outside its scope. */
    @Override
    public void onError(Throwable error) {
      Objects.requireNonNull(error, "error"); // rule 2.13
      generation.failed(error);
      downstream.onError(error);
    }

    /** Delivered after the span has ended, so outside its scope. */
    @Override
    public void onComplete() {
      generation.completed();
      downstream.onComplete();
    }
  }

  /** The subscription the caller's subscriber holds: cancelling it ends the span. */
  private static final class TracedSubscription implements Flow.Subscription {
    private final Flow.Subscription source;
    private final Generation generation;

    TracedSubscription(Flow.Subscription source, Generation generation) {
      this.source = source;
      this.generation = generation;
    }

    @Override
    public void request(long n) {
      // Passed through unchanged, even when not positive: rule 3.9 is the source's to enforce.
      Scope scope = generation.enter();
      try {
        source.request(n);
      } finally {
        Generation.exit(scope);
      }
    }

    @Override
    public void cancel() {
      generation.closedEarly(); // a no-op when the source already completed or failed
      source.cancel();
    }
  }
}
