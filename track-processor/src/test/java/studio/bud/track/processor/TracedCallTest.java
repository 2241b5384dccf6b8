package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.fixtures.Assistant;
import studio.bud.track.processor.fixtures.Pipeline;
import studio.bud.track.processor.fixtures.TracedAssistant;
import studio.bud.track.processor.fixtures.TracedPipeline;

/** What a traced call records, call by call, through a wrapper the processor generated at test-compile time. */
class TracedCallTest {

  @RegisterExtension final TracingExtension tracing = new TracingExtension();

  static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  /** A plain implementation whose results and failures each test sets. */
  static class FakeAssistant implements Assistant {
    Object next;
    RuntimeException uncheckedFailure;
    IOException checkedFailure;
    int selfCalls;

    @Override
    public String ask(String question, int maxTokens) throws IOException {
      if (checkedFailure != null) {
        throw checkedFailure;
      }
      if (uncheckedFailure != null) {
        throw uncheckedFailure;
      }
      return (String) next;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> summarize(String text) {
      return (Map<String, Object>) next;
    }

    @Override
    public void log(String message, String apiKey) {
      if (uncheckedFailure != null) {
        throw uncheckedFailure;
      }
    }

    @Override
    public long count(char c, double weight) {
      return 42L;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<String> askAsync(String question) {
      return (CompletableFuture<String>) next;
    }

    @Override
    public Iterator<String> tokens(String prompt) {
      return List.of("a", "b").iterator();
    }

    @Override
    public Stream<String> streamTokens(String prompt) {
      return Stream.of("a", "b");
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public String greet(String who) {
      selfCalls++;
      return "hi " + who + " from " + name();
    }
  }

  final FakeAssistant fake = new FakeAssistant();
  final Assistant assistant = TracedAssistant.wrap(fake);

  @Test
  void spanIsNamedAfterInterfaceAndMethodWithKindInternalAndBudScope() throws IOException {
    fake.next = "fine";
    assistant.ask("how?", 3);

    SpanData span = tracing.onlySpan();
    assertThat(span.getName()).isEqualTo("Assistant.ask");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("bud");
    assertThat(TracingExtension.isRoot(span)).isTrue();
  }

  @Test
  void recordsTypeStaticAttributesInputsAndOutput() throws IOException {
    fake.next = "forty-two";
    assistant.ask("what is \"six\" times seven?\n", 64);

    assertThat(tracing.onlySpan().getAttributes().asMap())
        .isEqualTo(
            Attributes.builder()
                .put("bud.track.type", "llm")
                .put("provider", "offline")
                .put("model", "tiny")
                .put("bud.track.input.question", "\"what is \\\"six\\\" times seven?\\n\"")
                .put("bud.track.input.maxTokens", "64")
                .put("bud.track.output", "\"forty-two\"")
                .build().asMap());
  }

  @Test
  void successSetsStatusOkAndReturnsTheVerySameInstance() throws IOException {
    String result = new String("unique instance");
    fake.next = result;

    assertThat(assistant.ask("q", 1)).isSameAs(result);
    assertThat(tracing.onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void uncheckedExceptionIsRecordedWithErrorStatusAndRethrownAsTheSameInstance() {
    IllegalStateException failure = new IllegalStateException("model overloaded");
    fake.uncheckedFailure = failure;

    assertThat(catchThrowable(() -> assistant.ask("q", 1))).isSameAs(failure);

    SpanData span = tracing.onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException: model overloaded");
    assertThat(span.getEvents()).hasSize(1);
    EventData event = span.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("model overloaded");
    assertThat(span.getAttributes().get(key("bud.track.output"))).isNull();
  }

  @Test
  void checkedExceptionPassesThroughWithItsOwnType() {
    IOException failure = new IOException("connection reset");
    fake.checkedFailure = failure;

    assertThat(catchThrowable(() -> assistant.ask("q", 1))).isSameAs(failure);
    assertThat(tracing.onlySpan().getStatus().getDescription()).isEqualTo("IOException: connection reset");
  }

  @Test
  void exceptionWithoutMessageIsDescribedByItsSimpleNameAndAnEmptyMessage() {
    fake.uncheckedFailure = new UnsupportedOperationException();

    assertThatThrownBy(() -> assistant.ask("q", 1)).isInstanceOf(UnsupportedOperationException.class);
    // The Python SDK's form: "<type(exc).__name__>: <str(exc)>", with an empty message.
    assertThat(tracing.onlySpan().getStatus().getDescription())
        .isEqualTo("UnsupportedOperationException: ");
  }

  @Test
  void voidMethodHasNoOutputAndIgnoredArgumentsAreNotRecorded() {
    assistant.log("deployed", "sk-secret");

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().asMap())
        .isEqualTo(Attributes.of(key("bud.track.input.message"), "\"deployed\"").asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void voidMethodFailureIsRecordedAndRethrown() {
    IllegalArgumentException failure = new IllegalArgumentException("bad level");
    fake.uncheckedFailure = failure;

    assertThat(catchThrowable(() -> assistant.log("x", "y"))).isSameAs(failure);
    assertThat(tracing.onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void captureInputAndOutputFalseRecordNeitherButStillTrace() {
    assertThat(assistant.count('x', 0.5)).isEqualTo(42L);

    SpanData span = tracing.onlySpan();
    assertThat(span.getName()).isEqualTo("Assistant.count");
    assertThat(span.getAttributes().isEmpty()).isTrue();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
  }

  @Test
  void mapResultGivesOneAttributePerIncludedKey() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("summary", "short");
    result.put("tokens", 12);
    fake.next = result;

    assertThat(assistant.summarize("long text")).isSameAs(result);

    SpanData span = tracing.onlySpan();
    assertThat(span.getName()).isEqualTo("assistant.summarize");
    assertThat(span.getAttributes().get(key("bud.track.output.summary"))).isEqualTo("\"short\"");
    assertThat(span.getAttributes().get(key("bud.track.output.tokens"))).isNull();
    assertThat(span.getAttributes().get(key("bud.track.output"))).isNull();
  }

  @Test
  void nullResultIsRecordedAsNull() throws IOException {
    fake.next = null;

    assertThat(assistant.ask("q", 1)).isNull();
    assertThat(tracing.onlySpan().getAttributes().get(key("bud.track.output"))).isEqualTo("null");
  }

  @Test
  void untrackedMethodIsForwardedWithoutASpan() {
    assertThat(assistant.name()).isEqualTo("fake");
    assertThat(tracing.spans()).isEmpty();
  }

  @Test
  void defaultMethodIsForwardedToTheImplementationsOverrideAndUsesItsTracerName() {
    assertThat(assistant.greet("ann")).isEqualTo("hi ann from fake");
    assertThat(fake.selfCalls).isEqualTo(1);

    SpanData span = tracing.onlySpan();
    assertThat(span.getName()).isEqualTo("Assistant.greet");
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("custom-scope");
  }

  @Test
  void callsTheImplementationMakesOnItselfAreNotTraced() {
    // greet() calls name() on the implementation itself, not through the wrapper.
    assistant.greet("bob");

    assertThat(tracing.spans()).extracting(SpanData::getName).containsExactly("Assistant.greet");
  }

  @Test
  void wrapRejectsNullDelegateNamingIt() {
    assertThatThrownBy(() -> TracedAssistant.wrap(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delegate");
  }

  @Test
  void nestedTrackedCallsBecomeChildrenOfTheOuterSpan() throws Exception {
    fake.next = "answer";
    Pipeline pipeline =
        TracedPipeline.wrap(
            topic -> {
              String summary = assistant.ask("summarize " + topic, 10);
              String followup = assistant.ask("follow up on " + topic, 10);
              Map<String, String> result = new LinkedHashMap<>();
              result.put("summary", summary);
              result.put("followup", followup);
              return result;
            });

    pipeline.run("otel");

    SpanData parent = tracing.span("pipeline");
    List<SpanData> children =
        tracing.spans().stream().filter(s -> s.getName().equals("Assistant.ask")).toList();
    assertThat(children).hasSize(2);
    for (SpanData child : children) {
      assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
      assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
    }
    assertThat(TracingExtension.isRoot(parent)).isTrue();
    assertThat(parent.getAttributes().get(key("bud.track.type"))).isEqualTo("chain");
    assertThat(parent.getAttributes().get(key("bud.track.output.summary"))).isEqualTo("\"answer\"");
    assertThat(parent.getAttributes().get(key("bud.track.output.followup"))).isEqualTo("\"answer\"");
  }
}
