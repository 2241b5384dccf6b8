package studio.bud.track.processor;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.TracedCallTest.FakeAssistant;
import studio.bud.track.processor.fixtures.Assistant;
import studio.bud.track.processor.fixtures.Llm;
import studio.bud.track.processor.fixtures.TracedAssistant;
import studio.bud.track.processor.fixtures.TracedLlm;
import studio.bud.track.runtime.Masker;
import studio.bud.track.runtime.Tracking;

/**
 * SPEC section 4, "Content controls": {@code Tracking.setCaptureContent} and {@code
 * Tracking.setMasker}, through generated wrappers.
 */
class ContentControlsTest {

  private static final Pattern EMAIL = Pattern.compile("[\\w.]+@[\\w.]+");

  @RegisterExtension final TracingExtension tracing = new TracingExtension();

  private final FakeAssistant fake = new FakeAssistant();
  private final Assistant assistant = TracedAssistant.wrap(fake);
  private final Llm llm = TracedLlm.wrap(new ArgumentAttributesTest.QuietLlm());

  @AfterEach
  void restoreDefaults() {
    Tracking.setCaptureContent(true);
    Tracking.setMasker(null);
  }

  private static Set<String> keys(SpanData span) {
    return span.getAttributes().asMap().keySet().stream()
        .map(AttributeKey::getKey)
        .collect(Collectors.toSet());
  }

  // --- the switch ---

  @Test
  void contentIsCapturedByDefault() throws IOException {
    fake.next = "answer";

    assistant.ask("question", 1);

    assertThat(Tracking.captureContent()).isTrue();
    assertThat(keys(tracing.onlySpan())).contains("bud.track.input.question", "bud.track.output");
  }

  @Test
  void offLeavesOutInputsAndOutputButKeepsTheRestOfTheSpan() throws IOException {
    Tracking.setCaptureContent(false);
    fake.next = "answer";

    assertThat(assistant.ask("my e-mail is ann@example.com", 3)).isEqualTo("answer");

    SpanData span = tracing.onlySpan();
    assertThat(span.getName()).isEqualTo("Assistant.ask");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(span.getAttributes().asMap())
        .isEqualTo(
            Attributes.builder()
                .put("bud.track.type", "llm")
                .put("provider", "offline")
                .put("model", "tiny")
                .build()
                .asMap());
  }

  @Test
  void offKeepsKindAndTypedAttributes() {
    Tracking.setCaptureContent(false);

    llm.chat("gpt-4o-mini", 0.2, 64, "a private prompt");

    SpanData span = tracing.onlySpan();
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
    assertThat(span.getAttributes().get(doubleKey("gen_ai.request.temperature"))).isEqualTo(0.2);
    assertThat(keys(span)).noneMatch(key -> key.startsWith("bud.track.input") || key.startsWith("bud.track.output"));
  }

  @Test
  void offLeavesOutMapEntriesAndAsyncOutput() {
    Tracking.setCaptureContent(false);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("summary", "secret");
    fake.next = summary;
    assistant.summarize("text");
    CompletableFuture<String> future = new CompletableFuture<>();
    fake.next = future;
    assistant.askAsync("q");
    future.complete("secret");

    assertThat(tracing.spans()).hasSize(2);
    for (SpanData span : tracing.spans()) {
      assertThat(keys(span)).noneMatch(key -> key.startsWith("bud.track.input") || key.startsWith("bud.track.output"));
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    }
  }

  @Test
  void offLeavesOutStreamedOutputButCountsTheElements() {
    Tracking.setCaptureContent(false);

    List<String> tokens = new ArrayList<>();
    assistant.tokens("prompt").forEachRemaining(tokens::add);

    assertThat(tokens).containsExactly("a", "b");
    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(longKey("bud.track.yield_count"))).isEqualTo(2L);
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("bud.track.generator_completed"))).isTrue();
    assertThat(keys(span)).noneMatch(key -> key.startsWith("bud.track.input") || key.startsWith("bud.track.output"));
  }

  /**
   * The decision of this implementation (Tracking.setCaptureContent's Javadoc): a message can hold
   * content as easily as an argument, so with content off the exception event keeps only the type
   * and the status description only the simple class name.
   */
  @Test
  void offLeavesOutExceptionMessagesAndStackTracesButKeepsTheType() {
    Tracking.setCaptureContent(false);
    IllegalStateException failure = new IllegalStateException("user ann@example.com not allowed");
    fake.uncheckedFailure = failure;

    assertThatThrownBy(() -> assistant.ask("q", 1)).isSameAs(failure);

    SpanData span = tracing.onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException");
    assertThat(span.getEvents()).hasSize(1);
    EventData event = span.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().asMap())
        .isEqualTo(
            Attributes.of(stringKey("exception.type"), "java.lang.IllegalStateException").asMap());
  }

  @Test
  void onAgainCapturesAgain() throws IOException {
    Tracking.setCaptureContent(false);
    Tracking.setCaptureContent(true);
    fake.next = "answer";

    assistant.ask("question", 1);

    assertThat(keys(tracing.onlySpan())).contains("bud.track.input.question", "bud.track.output");
  }

  // --- the masker ---

  @Test
  void maskerRewritesEveryInputAndOutputWithItsKey() throws IOException {
    List<String> keysSeen = new CopyOnWriteArrayList<>();
    Tracking.setMasker(
        (key, rendered) -> {
          keysSeen.add(key);
          return EMAIL.matcher(rendered).replaceAll("<email>");
        });
    fake.next = "write to bob@example.org";

    assistant.ask("I am ann@example.com", 2);

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(stringKey("bud.track.input.question"))).isEqualTo("\"I am <email>\"");
    assertThat(attributes.get(stringKey("bud.track.input.maxTokens"))).isEqualTo("2");
    assertThat(attributes.get(stringKey("bud.track.output"))).isEqualTo("\"write to <email>\"");
    assertThat(keysSeen)
        .containsExactly("bud.track.input.question", "bud.track.input.maxTokens", "bud.track.output");
  }

  @Test
  void maskerSeesMapEntriesAndStreamedOutput() {
    Tracking.setMasker((key, rendered) -> key + "=" + rendered.length());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("summary", "abc");
    fake.next = summary;

    assistant.summarize("text");
    assistant.streamTokens("prompt").forEach(token -> {});

    assertThat(tracing.span("assistant.summarize").getAttributes().get(stringKey("bud.track.output.summary")))
        .isEqualTo("bud.track.output.summary=5");
    assertThat(tracing.span("Assistant.streamTokens").getAttributes().get(stringKey("bud.track.output")))
        .as("the concatenation \"ab\", rendered with its quotes")
        .isEqualTo("bud.track.output=4");
  }

  @Test
  void maskerDoesNotSeeTypedOrStaticAttributes() {
    List<String> keysSeen = new CopyOnWriteArrayList<>();
    Tracking.setMasker(
        (key, rendered) -> {
          keysSeen.add(key);
          return rendered;
        });

    llm.chat("gpt-4o-mini", 0.2, 64, "p");

    assertThat(keysSeen)
        .containsExactly(
            "bud.track.input.model",
            "bud.track.input.temperature",
            "bud.track.input.maxTokens",
            "bud.track.input.prompt",
            "bud.track.output");
  }

  @Test
  void maskerReturningNullLeavesThatAttributeOut() throws IOException {
    Tracking.setMasker((key, rendered) -> key.equals("bud.track.input.question") ? null : rendered);
    fake.next = "answer";

    assistant.ask("secret", 1);

    assertThat(keys(tracing.onlySpan()))
        .doesNotContain("bud.track.input.question")
        .contains("bud.track.input.maxTokens", "bud.track.output");
  }

  @Test
  void maskedTextLongerThanTheLimitIsCut() throws IOException {
    Tracking.setMasker((key, rendered) -> "x".repeat(5000));
    fake.next = "answer";

    assistant.ask("q", 1);

    assertThat(tracing.onlySpan().getAttributes().get(stringKey("bud.track.output")))
        .hasSize(Tracking.maxAttributeLength())
        .endsWith("...");
  }

  @Test
  void maskerThatThrowsLeavesTheAttributeOutIsLoggedOnceAndNeverReachesTheCaller()
      throws IOException {
    RuntimeException broken = new IllegalStateException("masker bug");
    Masker masker =
        (key, rendered) -> {
          if (key.equals("bud.track.input.question")) {
            throw broken;
          }
          return rendered;
        };
    Tracking.setMasker(masker);
    fake.next = "answer";

    List<LogRecord> warnings;
    try (Warnings captured = new Warnings()) {
      assertThat(assistant.ask("q1", 1)).isEqualTo("answer");
      assertThat(assistant.ask("q2", 2)).isEqualTo("answer");
      warnings = captured.records();
    }

    assertThat(tracing.spans()).hasSize(2);
    for (SpanData span : tracing.spans()) {
      assertThat(keys(span))
          .doesNotContain("bud.track.input.question")
          .contains("bud.track.input.maxTokens", "bud.track.output");
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getThrown()).isSameAs(broken);
    assertThat(warnings.get(0).getMessage()).contains("masker");
  }

  @Test
  void maskerIsNotCalledWhileContentIsOff() throws IOException {
    List<String> keysSeen = new CopyOnWriteArrayList<>();
    Tracking.setMasker(
        (key, rendered) -> {
          keysSeen.add(key);
          return rendered;
        });
    Tracking.setCaptureContent(false);
    fake.next = "answer";

    assistant.ask("q", 1);

    assertThat(keysSeen).isEmpty();
  }

  @Test
  void removingTheMaskerRecordsAsBefore() throws IOException {
    Tracking.setMasker((key, rendered) -> "masked");
    Tracking.setMasker(null);
    fake.next = "answer";

    assistant.ask("q", 1);

    assertThat(tracing.onlySpan().getAttributes().get(stringKey("bud.track.output")))
        .isEqualTo("\"answer\"");
  }

  /** The WARNING records of logger {@code studio.bud.track} while open, not printed. */
  private static final class Warnings extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("studio.bud.track");
    private final boolean useParentHandlers = logger.getUseParentHandlers();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    Warnings() {
      logger.setUseParentHandlers(false);
      logger.addHandler(this);
    }

    List<LogRecord> records() {
      return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setUseParentHandlers(useParentHandlers);
    }
  }
}
