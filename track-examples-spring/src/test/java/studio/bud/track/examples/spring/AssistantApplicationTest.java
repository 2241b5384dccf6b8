package studio.bud.track.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import studio.bud.track.runtime.Tracking;

/**
 * Starts the application on a random port, asks it a question over HTTP and checks the trace: the
 * server span of Spring Boot's own observation, and the tracked {@code Assistant.answer} span
 * under it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.otlp.metrics.export.enabled=false")
class AssistantApplicationTest {

  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("bud.track.type");
  private static final AttributeKey<String> INPUT =
      AttributeKey.stringKey("bud.track.input.question");
  private static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");

  /** Adds a span processor to Spring Boot's SDK that keeps the spans as they end. */
  @TestConfiguration(proxyBeanMethods = false)
  static class RecordedSpans {
    @Bean
    Recorder recorder() {
      return new Recorder();
    }
  }

  /** Keeps every ended span; counts down when a server span ends (after the response is sent). */
  static final class Recorder implements SpanProcessor {
    final List<SpanData> ended = new CopyOnWriteArrayList<>();
    final CountDownLatch serverSpanEnded = new CountDownLatch(1);

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.toSpanData());
      if (span.getKind() == SpanKind.SERVER) {
        serverSpanEnded.countDown();
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Assistant assistant;

  @Autowired Recorder recorder;

  @Test
  void aRequestGivesAServerSpanWithTheTrackedAssistantSpanUnderIt() throws Exception {
    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(assistant).isInstanceOf(TracedAssistant.class);

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ask?question=why%3F"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("You asked: why?");
    assertThat(recorder.serverSpanEnded.await(10, TimeUnit.SECONDS)).isTrue();

    SpanData server =
        recorder.ended.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    SpanData answer =
        recorder.ended.stream()
            .filter(span -> span.getName().equals("Assistant.answer"))
            .findFirst()
            .orElseThrow();
    assertThat(answer.getTraceId()).isEqualTo(server.getTraceId());
    assertThat(answer.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(answer.getAttributes().get(TYPE)).isEqualTo("llm");
    assertThat(answer.getAttributes().get(INPUT)).isEqualTo("\"why?\"");
    assertThat(answer.getAttributes().get(OUTPUT)).isEqualTo("\"You asked: why?\"");
  }
}
