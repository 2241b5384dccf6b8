package studio.bud.track.langchain4j;

import dev.langchain4j.service.Result;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * An AI service's {@link Result}: {@code bud.track.output} is its {@code content()}, recorded by
 * the rules of any result (a {@code String} quoted, a {@code Map} one attribute per entry), plus
 * the GenAI attributes: token usage and finish reason of the result, model and id of its final
 * response. The caller gets the very same instance. Found by the runtime through {@code
 * META-INF/services}; not for direct use.
 */
public final class AiServiceResultAdapter implements ResultAdapter<Result<?>> {

  /** Called by {@link java.util.ServiceLoader}. */
  public AiServiceResultAdapter() {}

  @Override
  public Class<?> resultType() {
    return Result.class;
  }

  @Override
  public Kind kind() {
    return Kind.VALUE;
  }

  @Override
  public Result<?> adapt(Result<?> result, TracedResult traced) {
    Object content;
    try {
      GenAiAttributes.record(
          traced, result.tokenUsage(), result.finishReason(), result.finalResponse());
      content = result.content();
    } catch (RuntimeException failure) {
      traced.reportFailure("reading a LangChain4j result", failure);
      content = null;
    }
    traced.value(content);
    return result;
  }
}
