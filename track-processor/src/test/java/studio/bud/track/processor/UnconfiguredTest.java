package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.processor.fixtures.Assistant;
import studio.bud.track.processor.fixtures.TracedAssistant;
import studio.bud.track.runtime.Tracking;

/**
 * Until {@code Tracking.configure} the wrapper is a plain forwarder: even with an SDK registered
 * as the global OpenTelemetry, it creates no span and hands back the delegate's own objects.
 */
class UnconfiguredTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void registerGlobalSdkButDoNotConfigureTracking() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .buildAndRegisterGlobal();
    assertThat(Tracking.isConfigured()).isFalse();
  }

  @AfterEach
  void close() {
    GlobalOpenTelemetry.resetForTest();
    sdk.close();
  }

  @Test
  void callsAreForwardedAndNoSpanIsCreated() throws IOException {
    IllegalStateException failure = new IllegalStateException("boom");
    TracedCallTest.FakeAssistant fake = new TracedCallTest.FakeAssistant();
    Assistant assistant = TracedAssistant.wrap(fake);
    String answer = new String("answer");
    fake.next = answer;

    assertThat(assistant.ask("q", 1)).isSameAs(answer);
    fake.uncheckedFailure = failure;
    assertThat(catchThrowable(() -> assistant.ask("q", 1))).isSameAs(failure);
    assertThat(assistant.greet("x")).isEqualTo("hi x from fake");

    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void asyncAndStreamingResultsAreTheDelegatesOwnObjects() {
    CompletableFuture<String> future = new CompletableFuture<>();
    Iterator<String> iterator = List.of("a").iterator();
    Stream<String> stream = Stream.of("a");
    Assistant assistant =
        TracedAssistant.wrap(
            new TracedCallTest.FakeAssistant() {
              @Override
              public CompletableFuture<String> askAsync(String question) {
                return future;
              }

              @Override
              public Iterator<String> tokens(String prompt) {
                return iterator;
              }

              @Override
              public Stream<String> streamTokens(String prompt) {
                return stream;
              }
            });

    assertThat(assistant.askAsync("q")).isSameAs(future);
    assertThat(assistant.tokens("p")).isSameAs(iterator);
    assertThat(assistant.streamTokens("p")).isSameAs(stream);
    future.complete("done");

    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void afterShutdownCallsAreNoLongerTraced() throws IOException {
    Tracking.configure(sdk);
    Assistant assistant = TracedAssistant.wrap(new TracedCallTest.FakeAssistant());
    assistant.ask("traced", 1);
    Tracking.shutdown();

    assistant.ask("untraced", 1);

    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
  }
}
