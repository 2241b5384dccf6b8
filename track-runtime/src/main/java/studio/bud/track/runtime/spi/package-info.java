/**
 * The adapter contract for framework result types that complete later or carry more than their
 * {@code toString()}: LangChain4j's {@code TokenStream}, {@code Result<T>} and {@code
 * ChatResponse}, Reactor's {@code Flux} and {@code Mono}. An adapter module
 * ({@code track-langchain4j}, {@code track-reactor}) implements {@link
 * studio.bud.track.runtime.spi.ResultAdapter} and lists its classes in {@code
 * META-INF/services/studio.bud.track.runtime.spi.ResultAdapter}; a user adds the module as a
 * dependency and nothing else.
 *
 * <h2>How an adapter is found, and why this way</h2>
 *
 * <p>The processor marks every tracked method whose declared result is a class or interface
 * outside {@code java.*} and {@code javax.*} (and not one of the built-in kinds: {@code
 * CompletionStage}, {@code Iterator}, {@code Stream}, {@code Flow.Publisher}) with that erased
 * class ({@code TrackedMethod.Builder.result(Flux.class)}), and its generated body ends with
 * {@code returnedValue(span, scope, result)} instead of {@code returned}. The runtime loads the
 * adapters with {@link java.util.ServiceLoader}, from the runtime's own class loader, once per
 * configuration (the first time a marked method returns after {@code Tracking.configure}); each
 * method then resolves its adapter once for that configuration, by exact match of the declared
 * class against {@link studio.bud.track.runtime.spi.ResultAdapter#resultType()}, and keeps it in a
 * field. A call never looks anything up and never uses reflection; a marked method without an
 * adapter reads that field and records the result as a plain value, exactly as before.
 *
 * <p>The alternative, a resource that the adapter jar carries and the processor reads at compile
 * time, was not taken: it would tie the generated code to the adapters present when it was
 * compiled (a library compiled without {@code track-reactor} could never trace its {@code Flux}
 * results in an application that has it), it needs the adapter jar on the processor path as well
 * as on the class path (a second thing for the user to add), and the generated code would have to
 * name adapter classes, so a missing jar at run time would be a linkage error in user code rather
 * than a plain value. Run-time discovery keeps generated code independent of which adapters exist,
 * and its cost is paid once per configuration.
 *
 * <p>The match is exact: a method declared to return {@code Flux<String>} is adapted, one declared
 * to return {@code Object}, a {@code Publisher} or a subclass of {@code Flux} is not (what the
 * method declares is what the caller sees, and an adapter returns a result of exactly that type).
 * If two adapters claim the same class, the first one the {@code ServiceLoader} finds wins. An
 * adapter that cannot be loaded (its framework is missing from the class path) is skipped and
 * reported like any tracing failure.
 *
 * <h2>What an adapter does</h2>
 *
 * <p>{@link studio.bud.track.runtime.spi.ResultAdapter#adapt} gets the delegate's result and a
 * {@link studio.bud.track.runtime.spi.TracedResult}, the handle on the call's span, and returns a
 * result of the same type that behaves the same for the caller (usually a wrapper that forwards
 * every call and signal). It records through the handle only, and finishes it exactly once:
 * {@code completed}, {@code value}, {@code failed} or {@code cancelled}, or, for a result nobody
 * consumes, the cleaner registered with {@code endWhenUnreachable}. Every method of the handle is
 * guarded: it never throws, and a failure inside OpenTelemetry is reported like any tracing
 * failure, so the caller always sees exactly what the framework did. If {@code adapt} itself
 * throws or returns {@code null} or a result of another type, that is reported, the span ends as
 * for a plain value, and the caller gets the delegate's own result.
 *
 * <p>Public API for adapter modules; applications never call it.
 */
package studio.bud.track.runtime.spi;
