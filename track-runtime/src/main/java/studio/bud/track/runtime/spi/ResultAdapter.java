package studio.bud.track.runtime.spi;

/**
 * Follows results of one framework type to their end, so that a tracked method returning that
 * type records what the result carries (its content, its end) instead of its {@code toString()}.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/studio.bud.track.runtime.spi.ResultAdapter}), so they need a public
 * no-argument constructor; one instance serves every call of every method, from any thread, so it
 * should keep no state. See the {@linkplain studio.bud.track.runtime.spi package documentation}
 * for how an adapter is matched to a method.
 *
 * @param <R> the result type, as the tracked method declares it
 */
public interface ResultAdapter<R> {

  /** How the span of an adapted result is shaped. */
  enum Kind {
    /**
     * One value later, like a {@code CompletionStage}: {@link TracedResult#value} records it as
     * {@code bud.track.output}; no {@code bud.track.yield_count}; a cancellation sets {@code
     * bud.track.cancelled}, and an unreachable result {@code bud.track.abandoned}.
     */
    VALUE,
    /**
     * Elements over time, like a {@code Flow.Publisher}: {@link TracedResult#element} counts them
     * ({@code bud.track.yield_count}) and keeps what the output needs (bounded, aggregated as for
     * any streamed result); {@code bud.track.generator_completed} says whether it ran to its end.
     */
    STREAM
  }

  /**
   * The erased class this adapter handles, compared with the tracked method's declared result
   * class by identity ({@code Flux.class}, {@code TokenStream.class}). Called once, when the
   * adapters are loaded.
   */
  Class<?> resultType();

  /** The shape of the span; called once, when the adapters are loaded. */
  Kind kind();

  /**
   * Returns a result that the caller gets in place of {@code result}: of the same type, behaving
   * the same (every callback and signal delivered as without tracing), and finishing {@code traced}
   * exactly once when the result has completed, failed or been cancelled. May return {@code
   * result} itself when it is a finished value ({@code ChatResponse}), after recording it.
   *
   * @param result what the delegate returned; never {@code null}
   * @param traced the call's span; the delegate has returned and the span is no longer current
   */
  R adapt(R result, TracedResult traced);
}
