package com.example.lombok;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.Tracking;

/** Both processors ran: Lombok's members exist, and track's wrapper traces calls with them. */
class LombokAndTrackTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void configureTracing() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
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
  void lombokValuesAreRecordedByTheirLombokToString() {
    Answerer answerer = TracedAnswerer.wrap(new CannedAnswerer("Because ", "canned"));

    Answer answer = answerer.answer(new Question("the sky is blue", 2));

    // Lombok: the all-arguments constructor, getters, equals and toString of @Value.
    assertEquals(new Answer("Because the sky is blue", 0.9), answer);
    assertEquals("Because the sky is blue", answer.getText());
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), () -> "spans: " + spans);
    SpanData span = spans.get(0);
    assertEquals("Answerer.answer", span.getName());
    assertEquals(
        Attributes.builder()
            .put("bud.track.type", "llm")
            .put("bud.track.input.question", "Question(text=the sky is blue, priority=2)")
            .put("bud.track.output", "Answer(text=Because the sky is blue, confidence=0.9)")
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(StatusData.ok(), span.getStatus());
  }

  @Test
  void aLombokGeneratedMethodIsForwardedByTheWrapper() {
    Answerer answerer = TracedAnswerer.wrap(new CannedAnswerer("", "canned"));

    assertEquals("canned", answerer.getName());
    assertEquals(List.of(), exporter.getFinishedSpanItems());
  }
}
