package studio.bud.track.processor;

/**
 * How a traced method's result is followed, decided once per method from its declared result
 * type. The writer switches on it; nothing else looks at result types.
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
  PUBLISHER;

  /** The {@code TrackedMethod} method that ends the span when the delegate has returned. */
  String runtimeMethod() {
    switch (this) {
      case ASYNC:
        return "returnedAsync";
      case ITERATOR:
        return "returnedIterator";
      case STREAM:
        return "returnedStream";
      case PUBLISHER:
        return "returnedPublisher";
      default:
        return "returned";
    }
  }

  /** Whether the runtime hands back a (possibly wrapped) result that the method must return. */
  boolean returnsFromRuntime() {
    return this != VOID && this != PLAIN;
  }
}
