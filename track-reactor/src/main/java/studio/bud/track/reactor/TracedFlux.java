package studio.bud.track.reactor;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * The {@link Flux} a traced method hands out in place of the one its delegate returned. Only the
 * first subscription is traced (a later one, such as a {@code retry()}, is a new run of the source
 * with no span of its own, and goes to the source untouched). The span is current while the source
 * subscribes, and ends with {@code onComplete}, {@code onError} or {@code cancel}, or, if nobody
 * ever subscribes, once this {@code Flux} is collected.
 */
final class TracedFlux<T> extends FluxOperator<T, T> {

  private final TracedResult traced;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  TracedFlux(Flux<? extends T> source, TracedResult traced) {
    super(source);
    this.traced = traced;
    traced.endWhenUnreachable(this);
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    TracedSubscriber.subscribeFirst(subscribed, source, actual, traced, this, false);
  }
}
