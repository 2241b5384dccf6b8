package studio.bud.track.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * A {@link ChatResponse} result: {@code bud.track.output} is the text of its {@code AiMessage}
 * (not the whole response's {@code toString()}), plus the GenAI attributes of its metadata. The
 * caller gets the very same instance. Found by the runtime through {@code META-INF/services}; not
 * for direct use.
 */
public final class ChatResponseAdapter implements ResultAdapter<ChatResponse> {

  /** Called by {@link java.util.ServiceLoader}. */
  public ChatResponseAdapter() {}

  @Override
  public Class<?> resultType() {
    return ChatResponse.class;
  }

  @Override
  public Kind kind() {
    return Kind.VALUE;
  }

  @Override
  public ChatResponse adapt(ChatResponse result, TracedResult traced) {
    GenAiAttributes.record(traced, result);
    traced.value(text(result, traced));
    return result;
  }

  /** The response's text ({@code null} for a response that only asks for tools). */
  static String text(ChatResponse response, TracedResult traced) {
    try {
      AiMessage message = response.aiMessage();
      return message == null ? null : message.text();
    } catch (RuntimeException failure) {
      traced.reportFailure("reading a LangChain4j response", failure);
      return null;
    }
  }
}
