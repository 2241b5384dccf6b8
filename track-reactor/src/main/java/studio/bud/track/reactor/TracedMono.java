package studio.bud.track.reactor;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * The {@link Mono} a traced method hands out in place of the one its delegate returned: an
 * asynchronous value, like a {@code CompletionStage}. Only the first subscription is traced (a
 * {@code retry()} resubscribes untraced). The span is current while the source subscribes and is
 * asked for its value, and ends with the value, an empty completion, an error or a cancellation,
 * or, if nobody ever subscribes, once this {@code Mono} is collected.
 */
final class TracedMono<T> extends MonoOperator<T, T> {

  private final TracedResult traced;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  TracedMono(Mono<? extends T> source, TracedResult traced) {
    super(source);
    this.traced = traced;
    traced.endWhenUnreachable(this);
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    TracedSubscriber.subscribeFirst(subscribed, source, actual, traced, this, true);
  }
}
