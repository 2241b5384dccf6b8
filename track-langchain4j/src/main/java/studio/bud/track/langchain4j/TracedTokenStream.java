package studio.bud.track.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * The {@link TokenStream} a traced method hands out in place of the one its delegate returned.
 *
 * <p>Every configuration call is forwarded to the source as the caller made it (so LangChain4j's
 * own checks, "onCompleteResponse can be invoked at most 1 time" and "one of [onError,
 * ignoreErrors] must be invoked exactly 1 time", see the same calls and fail the same way in
 * {@code start()}), with each handler wrapped: the wrapper records, then calls the caller's
 * handler with the same arguments, and lets whatever it throws go back to LangChain4j unchanged.
 *
 * <ul>
 *   <li>Partial responses are counted ({@code bud.track.yield_count}) and their text kept for the
 *       output (the concatenated answer, bounded as for any stream). If the caller registers no
 *       partial handler, {@code start()} registers a counting one, which LangChain4j treats as it
 *       treats none.
 *   <li>{@code onCompleteResponse} ends the span: GenAI attributes of the final response, {@code
 *       bud.track.generator_completed} = {@code true}, status OK; the caller's handler runs after.
 *       If the caller registers none, {@code start()} registers one. (LangChain4j runs a streaming
 *       service's output guardrails only for a stream that has a completion handler, so a traced
 *       stream without one of its own gets them run; without guardrails there is no difference.)
 *   <li>{@code onError} records the error, status ERROR; the caller's handler runs after. With
 *       {@code ignoreErrors()} LangChain4j drops the error before any handler sees it (and logs it
 *       at WARN, as it does untraced): the span cannot see it, and ends, not completed and with the
 *       status unset, once LangChain4j lets go of the stream and it is collected.
 *   <li>Cancelling through a partial callback's {@code streamingHandle()} ends the span, not
 *       completed, the status unset.
 *   <li>The span is current while every other callback runs (partial responses, thinking, tool
 *       calls, retrieved contents, intermediate responses, raw events) and while {@code start()}
 *       sends the request. LangChain4j executes the tools a model asks for on the thread that
 *       delivers the model's response, between {@code beforeToolExecution} and {@code
 *       onToolExecuted}; for a stream with an {@code onError} handler the span is made current
 *       from the one to the other, so the tool's own tracked calls are children of the stream.
 *       (A tool that throws past LangChain4j's tool error handlers skips {@code onToolExecuted}:
 *       the error then reaches {@code onError} on that thread, which closes the scope. With
 *       {@code ignoreErrors()} nothing would close it, so tools are not made children then.)
 * </ul>
 *
 * <p>The handlers hold this stream, so while LangChain4j is streaming it stays reachable; a
 * stream that is never started ends its span, not completed, once it is collected.
 */
final class TracedTokenStream implements TokenStream {

  private final TracedResult traced;
  /** Each tool's scope, from beforeToolExecution to onToolExecuted, on the tool's thread. */
  private final ThreadLocal<Scope> toolScope = new ThreadLocal<>();

  // Configuration happens on the caller's thread before start(), as for the source.
  private TokenStream source;
  private boolean partialHandled;
  private boolean completeHandled;
  private boolean errorHandled;
  private boolean beforeToolHandled;
  private boolean afterToolHandled;
  /** Set in start(), read by the tool callbacks on LangChain4j's threads after that. */
  private volatile boolean toolScopes;

  TracedTokenStream(TokenStream source, TracedResult traced) {
    this.source = source;
    this.traced = traced;
    traced.endWhenUnreachable(this);
  }

  /** Keeps what a configuration call returned, for a source that does not return itself. */
  private TokenStream forwarded(TokenStream returned) {
    if (returned != null) {
      source = returned;
    }
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Partial results: counted, and delivered with the span current.

  @Override
  public TokenStream onPartialResponse(Consumer<String> handler) {
    partialHandled = true;
    return forwarded(source.onPartialResponse(countingText(handler)));
  }

  private Consumer<String> countingText(Consumer<String> handler) {
    return text -> {
      traced.element(text);
      if (handler != null) {
        Scope scope = traced.makeCurrent();
        try {
          handler.accept(text);
        } finally {
          scope.close();
        }
      }
    };
  }

  @Override
  public TokenStream onPartialResponseWithContext(
      BiConsumer<PartialResponse, PartialResponseContext> handler) {
    partialHandled = true;
    BiConsumer<PartialResponse, PartialResponseContext> wrapped =
        handler == null
            ? null
            : (partial, context) -> {
              traced.element(partial == null ? null : partial.text());
              PartialResponseContext seen =
                  context == null
                      ? null
                      : new PartialResponseContext(cancelling(context.streamingHandle()));
              Scope scope = traced.makeCurrent();
              try {
                handler.accept(partial, seen);
              } finally {
                scope.close();
              }
            };
    return forwarded(source.onPartialResponseWithContext(wrapped));
  }

  @Override
  public TokenStream onPartialThinking(Consumer<PartialThinking> handler) {
    return forwarded(source.onPartialThinking(inside(handler)));
  }

  @Override
  public TokenStream onPartialThinkingWithContext(
      BiConsumer<PartialThinking, PartialThinkingContext> handler) {
    BiConsumer<PartialThinking, PartialThinkingContext> wrapped =
        handler == null
            ? null
            : (thinking, context) ->
                inside(
                    () ->
                        handler.accept(
                            thinking,
                            context == null
                                ? null
                                : new PartialThinkingContext(
                                    cancelling(context.streamingHandle()))));
    return forwarded(source.onPartialThinkingWithContext(wrapped));
  }

  @Override
  public TokenStream onPartialToolCall(Consumer<PartialToolCall> handler) {
    return forwarded(source.onPartialToolCall(inside(handler)));
  }

  @Override
  public TokenStream onPartialToolCallWithContext(
      BiConsumer<PartialToolCall, PartialToolCallContext> handler) {
    BiConsumer<PartialToolCall, PartialToolCallContext> wrapped =
        handler == null
            ? null
            : (call, context) ->
                inside(
                    () ->
                        handler.accept(
                            call,
                            context == null
                                ? null
                                : new PartialToolCallContext(
                                    cancelling(context.streamingHandle()))));
    return forwarded(source.onPartialToolCallWithContext(wrapped));
  }

  @Override
  public TokenStream onRetrieved(Consumer<List<Content>> handler) {
    return forwarded(source.onRetrieved(inside(handler)));
  }

  @Override
  public TokenStream onIntermediateResponse(Consumer<ChatResponse> handler) {
    return forwarded(source.onIntermediateResponse(inside(handler)));
  }

  @Override
  public TokenStream onUnmappedRawEvent(Consumer<Object> handler) {
    return forwarded(source.onUnmappedRawEvent(inside(handler)));
  }

  // ---------------------------------------------------------------------------------------------
  // Tools: the span is current from beforeToolExecution to onToolExecuted.

  @Override
  public TokenStream beforeToolExecution(Consumer<BeforeToolExecution> handler) {
    beforeToolHandled = true;
    return forwarded(source.beforeToolExecution(beforeTool(handler)));
  }

  private Consumer<BeforeToolExecution> beforeTool(Consumer<BeforeToolExecution> handler) {
    return before -> {
      if (toolScopes) {
        closeToolScope(); // left open by a tool that threw past LangChain4j's handlers
        toolScope.set(traced.makeCurrent());
        if (handler != null) {
          handler.accept(before);
        }
      } else if (handler != null) {
        inside(() -> handler.accept(before));
      }
    };
  }

  @Override
  public TokenStream onToolExecuted(Consumer<ToolExecution> handler) {
    afterToolHandled = true;
    return forwarded(source.onToolExecuted(afterTool(handler)));
  }

  private Consumer<ToolExecution> afterTool(Consumer<ToolExecution> handler) {
    return execution -> {
      if (toolScopes) {
        try {
          if (handler != null) {
            handler.accept(execution);
          }
        } finally {
          closeToolScope();
        }
      } else if (handler != null) {
        inside(() -> handler.accept(execution));
      }
    };
  }

  private void closeToolScope() {
    Scope open = toolScope.get();
    if (open != null) {
      toolScope.remove();
      open.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The end.

  @Override
  public TokenStream onCompleteResponse(Consumer<ChatResponse> handler) {
    completeHandled = true;
    return forwarded(source.onCompleteResponse(completion(handler)));
  }

  private Consumer<ChatResponse> completion(Consumer<ChatResponse> handler) {
    return response -> {
      closeToolScope();
      GenAiAttributes.record(traced, response);
      traced.completed();
      if (handler != null) {
        handler.accept(response);
      }
    };
  }

  @Override
  public TokenStream onError(Consumer<Throwable> handler) {
    errorHandled = handler != null;
    Consumer<Throwable> wrapped =
        handler == null
            ? null
            : error -> {
              closeToolScope();
              traced.failed(error);
              handler.accept(error);
            };
    return forwarded(source.onError(wrapped));
  }

  @Override
  public TokenStream ignoreErrors() {
    errorHandled = false;
    return forwarded(source.ignoreErrors());
  }

  @Override
  public void start() {
    // Each registered once, so that a second start() sees the configuration the first one did.
    if (!partialHandled) {
      source = orSource(source.onPartialResponse(countingText(null)));
      partialHandled = true;
    }
    if (!completeHandled) {
      source = orSource(source.onCompleteResponse(completion(null)));
      completeHandled = true;
    }
    toolScopes = errorHandled && registerToolCallbacks();
    Scope scope = traced.makeCurrent();
    try {
      source.start();
    } catch (Throwable failure) {
      traced.failed(failure);
      throw failure;
    } finally {
      scope.close();
    }
  }

  /**
   * Registers the tool callbacks the caller did not, so that the span can be current while tools
   * run; false when the source does not support them (a {@code TokenStream} other than
   * LangChain4j's own, whose default methods throw).
   */
  private boolean registerToolCallbacks() {
    try {
      if (!beforeToolHandled) {
        source = orSource(source.beforeToolExecution(beforeTool(null)));
        beforeToolHandled = true;
      }
      if (!afterToolHandled) {
        source = orSource(source.onToolExecuted(afterTool(null)));
        afterToolHandled = true;
      }
      return true;
    } catch (UnsupportedOperationException unsupported) {
      return false;
    }
  }

  private TokenStream orSource(TokenStream returned) {
    return returned != null ? returned : source;
  }

  // ---------------------------------------------------------------------------------------------

  private <T> Consumer<T> inside(Consumer<T> handler) {
    if (handler == null) {
      return null;
    }
    return value -> inside(() -> handler.accept(value));
  }

  private void inside(Runnable handler) {
    Scope scope = traced.makeCurrent();
    try {
      handler.run();
    } finally {
      scope.close();
    }
  }

  /** {@code handle}, with a cancellation that also ends the span (not completed). */
  private StreamingHandle cancelling(StreamingHandle handle) {
    if (handle == null) {
      return null;
    }
    return new StreamingHandle() {
      @Override
      public void cancel() {
        handle.cancel();
        traced.cancelled(); // only once the source accepted the cancellation
      }

      @Override
      public boolean isCancelled() {
        return handle.isCancelled();
      }
    };
  }
}
