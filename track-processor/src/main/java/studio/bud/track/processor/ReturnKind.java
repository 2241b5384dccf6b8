package studio.bud.track.processor;

/**
 * How a traced method's result is followed, decided once per method from its declared result
 * type ({@link ResultTypes}). The writer switches on it; nothing else looks at result types.
 */
enum ReturnKind {
  /** {@code void}: no output. */
  VOID,
  /** Any value, primitive or reference, recorded when the call returns. */
  PLAIN,
  /** A {@code CompletionStage} or subtype: the span ends when it completes. */
  ASYNC,
  /** Exactly {@code java.util.Iterator}: the span ends when it is exhausted, fails or is dropped. */
  ITERATOR,
  /** Exactly {@code java.util.stream.Stream}: as {@link #ITERATOR}, and closing ends it too. */
  STREAM,
  /** Exactly {@code java.util.concurrent.Flow.Publisher}: the first subscription is followed. */
  PUBLISHER
}
