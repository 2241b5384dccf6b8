package studio.bud.track.reactor;

import reactor.core.publisher.Mono;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * Follows a {@link Mono} result as an asynchronous value, like a {@code CompletionStage} (SPEC
 * section 7): the value as {@code bud.track.output} (none for an empty {@code Mono}), status OK;
 * an error recorded with status ERROR; a cancellation as {@code bud.track.cancelled}. Found by the
 * runtime through {@code META-INF/services}; not for direct use.
 */
public final class MonoAdapter implements ResultAdapter<Mono<?>> {

  /** Called by {@link java.util.ServiceLoader}. */
  public MonoAdapter() {}

  @Override
  public Class<?> resultType() {
    return Mono.class;
  }

  @Override
  public Kind kind() {
    return Kind.VALUE;
  }

  @Override
  public Mono<?> adapt(Mono<?> result, TracedResult traced) {
    return traced(result, traced);
  }

  private static <T> Mono<T> traced(Mono<T> mono, TracedResult traced) {
    return new TracedMono<>(mono, traced);
  }
}
