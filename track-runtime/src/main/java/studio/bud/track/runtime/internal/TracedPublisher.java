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
  private final FollowedStream followed;
  private final AtomicBoolean traced = new AtomicBoolean();

  TracedPublisher(Flow.Publisher<T> source, FollowedStream followed) {
    this.source = source;
    this.followed = followed;
    followed.endWhenUnreachable(this);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber"); // Reactive Streams rule 1.9
    if (!traced.compareAndSet(false, true)) {
      source.subscribe(subscriber);
      return;
    }
    Scope scope = followed.enter();
    try {
      source.subscribe(new TracedSubscriber<>(subscriber, followed, this));
    } catch (Throwable failure) {
      followed.failed(failure);
      throw failure;
    } finally {
      FollowedStream.exit(scope);
    }
  }

  /** Stands between the source and the caller's subscriber, counting what passes. */
  private static final class TracedSubscriber<T> implements Flow.Subscriber<T> {
    private final Flow.Subscriber<? super T> downstream;
    private final FollowedStream followed;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * Never read. The caller usually drops the publisher once it has subscribed, while the source
     * keeps the subscriber: holding the publisher here keeps it from being collected, and the span
     * from being ended as abandoned, for as long as the subscription lives.
     */
    @SuppressWarnings("unused")
    private final TracedPublisher<T> publisher;

    TracedSubscriber(
        Flow.Subscriber<? super T> downstream,
        FollowedStream followed,
        TracedPublisher<T> publisher) {
      this.downstream = downstream;
      this.followed = followed;
      this.publisher = publisher;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      Objects.requireNonNull(subscription, "subscription"); // rule 2.13
      if (!subscribed.compareAndSet(false, true)) {
        subscription.cancel(); // rule 2.5: the downstream gets exactly one onSubscribe
        return;
      }
      Scope scope = followed.enter();
      try {
        downstream.onSubscribe(new TracedSubscription(subscription, followed));
      } finally {
        FollowedStream.exit(scope);
      }
    }

    @Override
    public void onNext(T item) {
      followed.element(item);
      Scope scope = followed.enter();
      try {
        downstream.onNext(item);
      } finally {
        FollowedStream.exit(scope);
      }
    }

    /** Delivered after the span has ended, so outside its scope. */
    @Override
    public void onError(Throwable error) {
      Objects.requireNonNull(error, "error"); // rule 2.13
      followed.failed(error);
      downstream.onError(error);
    }

    /** Delivered after the span has ended, so outside its scope. */
    @Override
    public void onComplete() {
      followed.completed();
      downstream.onComplete();
    }
  }

  /** The subscription the caller's subscriber holds: cancelling it ends the span. */
  private static final class TracedSubscription implements Flow.Subscription {
    private final Flow.Subscription source;
    private final FollowedStream followed;

    TracedSubscription(Flow.Subscription source, FollowedStream followed) {
      this.source = source;
      this.followed = followed;
    }

    @Override
    public void request(long n) {
      // Passed through unchanged, even when not positive: rule 3.9 is the source's to enforce.
      Scope scope = followed.enter();
      try {
        source.request(n);
      } finally {
        FollowedStream.exit(scope);
      }
    }

    @Override
    public void cancel() {
      followed.closedEarly(); // a no-op when the source already completed or failed
      source.cancel();
    }
  }
}
