package studio.bud.track.runtime.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.function.Consumer;

/** A span processor that hands every span to {@code onEnd} as it ends, on the ending thread. */
final class OnSpanEnd implements SpanProcessor {

  private final Consumer<ReadableSpan> onEnd;

  OnSpanEnd(Consumer<ReadableSpan> onEnd) {
    this.onEnd = onEnd;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    onEnd.accept(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}
