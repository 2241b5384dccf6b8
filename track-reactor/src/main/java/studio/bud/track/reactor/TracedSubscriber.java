package studio.bud.track.reactor;

import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * Stands between a traced {@code Flux} or {@code Mono} and its first subscriber: passes every
 * signal through unchanged and records it on the call's span.
 *
 * <p>For a {@code Flux} the span is current while the source works for this subscriber (in {@code
 * request}) and while {@code onSubscribe} and {@code onNext} are delivered, so whatever the
 * subscriber's operators do synchronously in {@code onNext} ({@code map}, {@code flatMap}'s inner
 * subscriptions) runs inside it. For a {@code Mono}, as for a {@code CompletionStage}, the value
 * ends the span, and the value is delivered after that, outside it. {@code onError} and {@code
 * onComplete} are delivered after the span has ended, outside its scope. The subscriber's Reactor
 * {@link Context} passes upstream unchanged.
 */
final class TracedSubscriber<T> implements CoreSubscriber<T>, Subscription {

  private final CoreSubscriber<? super T> actual;
  private final TracedResult traced;
  private final boolean single;

  /**
   * Never read. The caller usually drops the {@code Flux} once it has subscribed, while the source
   * keeps this subscriber: holding the publisher here keeps it from being collected, and the span
   * from being ended as abandoned, for as long as the subscription lives.
   */
  @SuppressWarnings("unused")
  private final Object publisher;

  private Subscription upstream;

  /**
   * Subscribes {@code actual} to {@code source} for the traced {@code publisher}: the first
   * subscription through a {@code TracedSubscriber} with the span current, every later one (a
   * {@code retry()}, a second subscriber) untraced.
   */
  static <T> void subscribeFirst(
      AtomicBoolean subscribed,
      CorePublisher<? extends T> source,
      CoreSubscriber<? super T> actual,
      TracedResult traced,
      Object publisher,
      boolean single) {
    if (!subscribed.compareAndSet(false, true)) {
      source.subscribe(actual);
      return;
    }
    Scope scope = traced.makeCurrent();
    try {
      source.subscribe(new TracedSubscriber<T>(actual, traced, publisher, single));
    } catch (Throwable failure) {
      traced.failed(failure);
      throw failure;
    } finally {
      scope.close();
    }
  }

  /**
   * @param single whether the source is a {@code Mono}: its value ends the span
   */
  TracedSubscriber(
      CoreSubscriber<? super T> actual, TracedResult traced, Object publisher, boolean single) {
    this.actual = actual;
    this.traced = traced;
    this.publisher = publisher;
    this.single = single;
  }

  @Override
  public Context currentContext() {
    return actual.currentContext();
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    if (!Operators.validate(upstream, subscription)) {
      return; // Operators.validate cancelled the second subscription, as rule 2.5 asks
    }
    upstream = subscription;
    Scope scope = traced.makeCurrent();
    try {
      actual.onSubscribe(this);
    } finally {
      scope.close();
    }
  }

  @Override
  public void onNext(T item) {
    if (single) {
      traced.value(item);
      actual.onNext(item);
      return;
    }
    traced.element(item);
    Scope scope = traced.makeCurrent();
    try {
      actual.onNext(item);
    } finally {
      scope.close();
    }
  }

  @Override
  public void onError(Throwable error) {
    traced.failed(error);
    actual.onError(error);
  }

  @Override
  public void onComplete() {
    traced.completed(); // a no-op for a Mono whose value already ended the span
    actual.onComplete();
  }

  @Override
  public void request(long n) {
    // Passed through unchanged, even when not positive: rule 3.9 is the source's to enforce.
    Scope scope = traced.makeCurrent();
    try {
      upstream.request(n);
    } finally {
      scope.close();
    }
  }

  @Override
  public void cancel() {
    traced.cancelled(); // a no-op once the source completed or failed
    upstream.cancel();
  }
}
