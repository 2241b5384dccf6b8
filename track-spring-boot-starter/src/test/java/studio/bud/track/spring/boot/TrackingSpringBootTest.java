package studio.bud.track.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.spring.boot.TestBeans.ApplicationOpenTelemetry;
import studio.bud.track.spring.boot.TestBeans.OneAssistant;

/**
 * A whole Spring Boot application: the starter is found through its {@code AutoConfiguration.imports}
 * entry, not named anywhere. The context is closed after the class, so that tracking, which is
 * process-wide, is off again for the next test class.
 */
@SpringBootTest(classes = TrackingSpringBootTest.Application.class)
@DirtiesContext
class TrackingSpringBootTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({ApplicationOpenTelemetry.class, OneAssistant.class})
  static class Application {}

  @Autowired Assistant assistant;

  @Autowired InMemorySpanExporter spans;

  @Test
  void theAutowiredAssistantIsTracedThroughTheApplicationsOpenTelemetry() {
    assertThat(Tracking.isConfigured()).isTrue();
    assertThat(assistant).isInstanceOf(TracedAssistant.class);

    assertThat(assistant.ask("why?")).isEqualTo("answer to why?");

    assertThat(spans.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("Assistant.ask");
  }
}
