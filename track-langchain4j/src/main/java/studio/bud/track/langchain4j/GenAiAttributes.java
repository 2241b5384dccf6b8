package studio.bud.track.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Locale;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * The GenAI attributes of a LangChain4j response, with the keys the Bud Python SDK's inference
 * tracker writes (SPEC section 7). Each is set only where the response has it, so a response
 * without metadata adds none.
 */
final class GenAiAttributes {

  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> TOTAL_TOKENS = AttributeKey.longKey("gen_ai.usage.total_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");

  private GenAiAttributes() {}

  /** Model, id, token usage and finish reason of {@code response}. Never throws. */
  static void record(TracedResult traced, ChatResponse response) {
    if (response == null || !traced.isRecording()) {
      return;
    }
    try {
      ChatResponseMetadata metadata = response.metadata();
      if (metadata != null) {
        traced.attribute(RESPONSE_MODEL, metadata.modelName());
        traced.attribute(RESPONSE_ID, metadata.id());
      }
      usage(traced, response.tokenUsage());
      finishReason(traced, response.finishReason());
    } catch (RuntimeException failure) {
      traced.reportFailure("reading a LangChain4j response", failure);
    }
  }

  /**
   * What a {@code Result} carries: its token usage (summed over the service's model calls) and
   * finish reason, and the model and id of its final response.
   */
  static void record(
      TracedResult traced, TokenUsage usage, FinishReason reason, ChatResponse finalResponse) {
    if (!traced.isRecording()) {
      return;
    }
    try {
      ChatResponseMetadata metadata = finalResponse == null ? null : finalResponse.metadata();
      if (metadata != null) {
        traced.attribute(RESPONSE_MODEL, metadata.modelName());
        traced.attribute(RESPONSE_ID, metadata.id());
      }
      if (usage == null && finalResponse != null) {
        usage = finalResponse.tokenUsage();
      }
      if (reason == null && finalResponse != null) {
        reason = finalResponse.finishReason();
      }
      usage(traced, usage);
      finishReason(traced, reason);
    } catch (RuntimeException failure) {
      traced.reportFailure("reading a LangChain4j result", failure);
    }
  }

  private static void usage(TracedResult traced, TokenUsage usage) {
    if (usage == null) {
      return;
    }
    traced.attribute(INPUT_TOKENS, asLong(usage.inputTokenCount()));
    traced.attribute(OUTPUT_TOKENS, asLong(usage.outputTokenCount()));
    traced.attribute(TOTAL_TOKENS, asLong(usage.totalTokenCount()));
  }

  private static void finishReason(TracedResult traced, FinishReason reason) {
    if (reason != null) {
      traced.attribute(FINISH_REASONS, List.of(reason.name().toLowerCase(Locale.ROOT)));
    }
  }

  private static Long asLong(Integer count) {
    return count == null ? null : count.longValue();
  }
}
