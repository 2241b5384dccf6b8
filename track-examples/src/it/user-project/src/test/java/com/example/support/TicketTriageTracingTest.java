package com.example.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.Tracking;

/**
 * What a user's own test looks like: the generated TracedTicketTriage, tracing configured with an
 * in-memory exporter, and every attribute of the span checked against the track SPEC (section 4).
 */
class TicketTriageTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  /** Counted down when a span ends, so a test can wait for an asynchronous one. */
  private final CountDownLatch ended = new CountDownLatch(1);
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void configureTracing() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .addSpanProcessor(new EndLatch())
                    .build())
            .build();
    Tracking.configure(sdk);
  }

  @AfterEach
  void shutDownTracing() {
    Tracking.shutdown();
    sdk.close();
  }

  @Test
  void aCallBecomesOneSpanWithTheSpecsAttributes() {
    TicketTriage triage = TracedTicketTriage.wrap(new KeywordTriage());

    String queue = triage.classify("Refund for \"order\" 42", 3);

    assertEquals("billing", queue);
    SpanData span = onlySpan();
    assertEquals("TicketTriage.classify", span.getName());
    assertEquals(SpanKind.INTERNAL, span.getKind());
    assertEquals(InstrumentationScopeInfo.create("bud"), span.getInstrumentationScopeInfo());
    assertEquals(
        Attributes.builder()
            .put("bud.track.type", "tool")
            .put("team", "support")
            .put("triage.version", "2")
            .put("bud.track.input.subject", "\"Refund for \\\"order\\\" 42\"")
            .put("bud.track.input.priority", "3")
            .put("bud.track.output", "\"billing\"")
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(StatusData.ok(), span.getStatus());
    assertEquals(List.of(), span.getEvents());
    assertEquals(false, span.getParentSpanContext().isValid());
  }

  @Test
  void aThrownExceptionIsRecordedAndTheSameInstanceRethrown() {
    IllegalArgumentException failure = new IllegalArgumentException("subject is blank");
    TicketTriage triage =
        TracedTicketTriage.wrap(
            new KeywordTriage() {
              @Override
              public String classify(String subject, int priority) {
                throw failure;
              }
            });

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> triage.classify(" ", 1));

    assertSame(failure, thrown);
    SpanData span = onlySpan();
    assertEquals("TicketTriage.classify", span.getName());
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("IllegalArgumentException: subject is blank", span.getStatus().getDescription());
    assertEquals(
        Attributes.builder()
            .put("bud.track.type", "tool")
            .put("team", "support")
            .put("triage.version", "2")
            .put("bud.track.input.subject", "\" \"")
            .put("bud.track.input.priority", "1")
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(1, span.getEvents().size());
    EventData event = span.getEvents().get(0);
    assertEquals("exception", event.getName());
    assertEquals(
        IllegalArgumentException.class.getName(),
        event.getAttributes().get(AttributeKey.stringKey("exception.type")));
    assertEquals(
        "subject is blank", event.getAttributes().get(AttributeKey.stringKey("exception.message")));
  }

  @Test
  void anAsyncResultIsTheSameFutureAndItsSpanEndsOnCompletion() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    TicketTriage triage = TracedTicketTriage.wrap(new KeywordTriage(pending));

    CompletableFuture<String> result = triage.classifyLater("Refund please");

    assertSame(pending, result);
    assertEquals(List.of(), exporter.getFinishedSpanItems());
    pending.complete("billing");
    assertEquals(true, ended.await(10, TimeUnit.SECONDS));
    SpanData span = onlySpan();
    assertEquals("TicketTriage.classifyLater", span.getName());
    assertEquals(
        Attributes.builder()
            .put("bud.track.type", "tool")
            .put("bud.track.input.subject", "\"Refund please\"")
            .put("bud.track.output", "\"billing\"")
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(StatusData.ok(), span.getStatus());
  }

  @Test
  void aStreamedResultIsCountedConcatenatedAndEndsWhenExhausted() {
    TicketTriage triage = TracedTicketTriage.wrap(new KeywordTriage(null));

    String reply;
    try (Stream<String> words = triage.draftReply("Refund")) {
      assertEquals(List.of(), exporter.getFinishedSpanItems()); // lazy: nothing read yet
      reply = words.collect(Collectors.joining());
    }

    assertEquals("We will refund you.", reply);
    SpanData span = onlySpan();
    assertEquals("TicketTriage.draftReply", span.getName());
    assertEquals(
        Attributes.builder()
            .put("bud.track.type", "llm")
            .put("bud.track.input.subject", "\"Refund\"")
            .put("bud.track.output", "\"We will refund you.\"")
            .put("bud.track.yield_count", 4L)
            .put("bud.track.generator_completed", true)
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(StatusData.ok(), span.getStatus());
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), () -> "spans: " + spans);
    return spans.get(0);
  }

  /** The user's implementation. */
  private static class KeywordTriage implements TicketTriage {
    private final CompletableFuture<String> later;

    KeywordTriage() {
      this(null);
    }

    KeywordTriage(CompletableFuture<String> later) {
      this.later = later;
    }

    @Override
    public CompletableFuture<String> classifyLater(String subject) {
      return later;
    }

    @Override
    public Stream<String> draftReply(String subject) {
      return Stream.of("We ", "will ", subject.toLowerCase() + " ", "you.");
    }

    @Override
    public String classify(String subject, int priority) {
      if (subject.isBlank()) {
        throw new IllegalArgumentException("subject is blank");
      }
      return subject.toLowerCase().contains("refund") ? "billing" : "general";
    }
  }

  /** Lets a test wait for a span that ends on another thread, instead of sleeping. */
  private final class EndLatch implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.countDown();
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
