package studio.bud.track.reactor;

import reactor.core.publisher.Flux;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * Follows a {@link Flux} result by the streaming rules of SPEC section 4, like a {@code
 * Flow.Publisher}: span from the call to the last signal, {@code bud.track.yield_count}, {@code
 * bud.track.generator_completed}, the elements aggregated into the output. Found by the runtime
 * through {@code META-INF/services}; not for direct use.
 */
public final class FluxAdapter implements ResultAdapter<Flux<?>> {

  /** Called by {@link java.util.ServiceLoader}. */
  public FluxAdapter() {}

  @Override
  public Class<?> resultType() {
    return Flux.class;
  }

  @Override
  public Kind kind() {
    return Kind.STREAM;
  }

  @Override
  public Flux<?> adapt(Flux<?> result, TracedResult traced) {
    return traced(result, traced);
  }

  private static <T> Flux<T> traced(Flux<T> flux, TracedResult traced) {
    return new TracedFlux<>(flux, traced);
  }
}
