package com.example;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import studio.bud.track.runtime.Tracking;

public class App {

  /** The application's own implementation; here, canned answers. */
  static final class CannedAssistant implements Assistant {
    @Override
    public String ask(String question) {
      return "A framework.";
    }

    @Override
    public Stream<String> streamAnswer(String question) {
      return Stream.of("Traces, ", "metrics ", "and logs.");
    }

    @Override
    public CompletableFuture<String> askAsync(String question) {
      return CompletableFuture.completedFuture("Everywhere.");
    }
  }

  public static void main(String[] args) {
    // The application's OpenTelemetry SDK; this one logs each finished span (java.util.logging).
    OpenTelemetrySdk openTelemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create()))
                    .build())
            .build();
    Tracking.configure(openTelemetry); // or GlobalOpenTelemetry.get() under the Java agent
    // or: Tracking.configure();       // from BUD_BASE_URL, BUD_API_KEY, BUD_OTEL_*, OTEL_* (as Python)

    Assistant assistant = TracedAssistant.wrap(new CannedAssistant());
    try {
      System.out.println(assistant.ask("What is OpenTelemetry?"));
      try (Stream<String> answer = assistant.streamAnswer("What does it collect?")) {
        answer.forEach(System.out::print);
      }
      System.out.println();
      System.out.println(assistant.askAsync("Where does it run?").join());
    } finally {
      Tracking.shutdown(); // flushes what configure() built; never closes yours
      openTelemetry.close();
    }
  }
}
