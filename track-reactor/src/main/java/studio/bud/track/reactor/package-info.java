/**
 * Reactor {@code Flux} and {@code Mono} results of {@code @Track} methods, followed to their last
 * signal (SPEC section 7). Adding {@code studio.bud:track-reactor} as a dependency is all it takes:
 * the runtime finds {@link studio.bud.track.reactor.FluxAdapter} and {@link
 * studio.bud.track.reactor.MonoAdapter} through {@code META-INF/services}.
 *
 * <p>What carries the span: the traced publisher delivers {@code onSubscribe} and a {@code Flux}'s
 * {@code onNext} with the span current, and makes it current in {@code subscribe} and {@code
 * request}. So everything that runs synchronously on those paths is its child: the source's own
 * work when it produces on the subscribing or requesting thread, and the subscriber's operators
 * ({@code map}, {@code filter}, {@code flatMap} and the inner publishers it subscribes to,
 * {@code doOnNext}) on the thread that delivers the element. Work that an operator moves to
 * another thread ({@code publishOn}, {@code subscribeOn}, {@code delayElements}, a scheduler inside
 * the source) runs without the span: tracked calls made there are not its children. Reactor's
 * automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()}) does not change
 * that, since it restores what the subscriber's Reactor {@code Context} held when it subscribed,
 * not this call's span; this module changes no global hook. A {@code Mono} is an asynchronous
 * value: its value ends the span and is delivered after it, so work in the {@code Mono}'s own
 * {@code map} or {@code flatMap} is not a child either (as with a {@code CompletionStage}'s {@code
 * thenApply}).
 */
package studio.bud.track.reactor;
