package com.example.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.Track;
import studio.bud.track.runtime.Tracking;

/** Runs inside the named module com.example.jpms (surefire patches the tests into it). */
class GreeterOnTheModulePathTest {

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
  void theApplicationAndTrackAreModulesOnTheModulePath() {
    Module application = Greeter.class.getModule();
    assertEquals("com.example.jpms", application.getName());
    assertEquals(application, TracedGreeter.class.getModule());
    assertEquals(
        List.of("studio.bud.track.runtime"),
        application.getDescriptor().requires().stream()
            .map(ModuleDescriptor.Requires::name)
            .filter(name -> name.startsWith("studio.bud"))
            .toList());

    // track's jars are modules of their own names, and bring the OpenTelemetry API along.
    Module runtime = Tracking.class.getModule();
    assertEquals("studio.bud.track.runtime", runtime.getName());
    assertTrue(application.canRead(runtime));
    Module annotations = Track.class.getModule();
    assertEquals("studio.bud.track", annotations.getName());
    assertTrue(application.canRead(annotations));
    Module openTelemetry = Span.class.getModule();
    assertEquals("io.opentelemetry.api", openTelemetry.getName());
    assertTrue(application.canRead(openTelemetry));
    // Nor does the generated code need java.compiler (@Generated), which the module never reads.
    ModuleLayer.boot()
        .findModule("java.compiler")
        .ifPresent(compiler -> assertFalse(application.canRead(compiler)));
  }

  @Test
  void aCallThroughTheGeneratedWrapperIsOneSpan() {
    Greeter greeter = TracedGreeter.wrap(new FriendlyGreeter());

    assertEquals("Hello, module!", greeter.greet("module"));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), () -> "spans: " + spans);
    SpanData span = spans.get(0);
    assertEquals("Greeter.greet", span.getName());
    assertEquals(
        Attributes.builder()
            .put("bud.track.type", "tool")
            .put("bud.track.input.name", "\"module\"")
            .put("bud.track.output", "\"Hello, module!\"")
            .build()
            .asMap(),
        span.getAttributes().asMap());
    assertEquals(StatusData.ok(), span.getStatus());
  }
}
