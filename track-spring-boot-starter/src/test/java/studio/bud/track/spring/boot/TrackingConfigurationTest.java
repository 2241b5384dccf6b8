package studio.bud.track.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.runtime.TrackingConfig;
import studio.bud.track.spring.boot.OtlpReceiver.Export;
import studio.bud.track.spring.boot.TestBeans.ApplicationOpenTelemetry;
import studio.bud.track.spring.boot.TestBeans.AssistantClient;
import studio.bud.track.spring.boot.TestBeans.ClosingCaller;
import studio.bud.track.spring.boot.TestBeans.OneAssistant;
import studio.bud.track.spring.boot.TestBeans.StartupCaller;

/**
 * How the starter configures tracking: from the application's OpenTelemetry bean or from the
 * {@code bud.*} properties, and who shuts it down. Real application contexts, real SDKs.
 */
class TrackingConfigurationTest {

  private static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("bud.track.output");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TrackingAutoConfiguration.class));

  @AfterEach
  void turnTrackingOff() {
    Tracking.shutdown();
  }

  @Test
  void withAnOpenTelemetryBeanSpansGoToItAndInjectionByInterfaceGetsTheTracedBean() {
    runner
        .withUserConfiguration(ApplicationOpenTelemetry.class, OneAssistant.class)
        .withBean(AssistantClient.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Assistant injected = context.getBean(AssistantClient.class).assistant;
              assertThat(injected).isInstanceOf(TracedAssistant.class);
              assertThat(context.getBean(Assistant.class)).isSameAs(injected);

              assertThat(injected.ask("why?")).isEqualTo("answer to why?");

              List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
              assertThat(spans).extracting(SpanData::getName).containsExactly("Assistant.ask");
              assertThat(spans.get(0).getAttributes().get(OUTPUT)).isEqualTo("\"answer to why?\"");
            });
  }

  @Test
  void aCallMadeWhileTheContextStartsIsTraced() {
    runner
        .withUserConfiguration(ApplicationOpenTelemetry.class, OneAssistant.class)
        .withBean(StartupCaller.class)
        .run(
            context -> {
              assertThat(context.getBean(StartupCaller.class).warmUpAnswer)
                  .isEqualTo("answer to warm-up");
              assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems())
                  .extracting(SpanData::getName)
                  .containsExactly("Assistant.ask");
            });
  }

  @Test
  void withoutAnOpenTelemetryBeanBudBaseUrlSendsTheSpansToTheCollector() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      runner
          .withUserConfiguration(OneAssistant.class)
          .withBean(StartupCaller.class)
          .withBean(ClosingCaller.class)
          .withPropertyValues(
              "bud.base-url=" + receiver.baseUrl(),
              "bud.api-key=secret-key",
              "bud.otel.service-name=assistant-service")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(Tracking.isConfigured()).isTrue();
                context.getBean(Assistant.class).ask("why?");
              });

      // Closing the context shut tracking down after its beans had closed, which flushed the
      // spans (the one made while closing too) before it returned.
      assertThat(Tracking.isConfigured()).isFalse();
      List<Span> spans = new ArrayList<>();
      String serviceName = null;
      for (Export export : receiver.exports()) {
        assertThat(export.path()).isEqualTo("/v1/traces");
        assertThat(export.header("Authorization")).isEqualTo("Bearer secret-key");
        for (ResourceSpans resourceSpans : export.request().getResourceSpansList()) {
          serviceName = stringAttribute(resourceSpans.getResource().getAttributesList(), "service.name");
          resourceSpans.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList()));
        }
      }
      assertThat(serviceName).isEqualTo("assistant-service");
      assertThat(spans)
          .extracting(span -> stringAttribute(span.getAttributesList(), "bud.track.input.question"))
          .containsExactly("\"warm-up\"", "\"why?\"", "\"goodbye\"");
      assertThat(spans).extracting(Span::getName).containsOnly("Assistant.ask");
    }
  }

  @Test
  void budOtelEnabledFalseLeavesTracingOffEvenWithAnOpenTelemetryBean() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withUserConfiguration(ApplicationOpenTelemetry.class, OneAssistant.class)
          .withPropertyValues("bud.otel.enabled=false")
          .run(
              context -> {
                assertThat(Tracking.isConfigured()).isFalse();
                context.getBean(Assistant.class).ask("why?");
                assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems())
                    .isEmpty();
              });
      assertThat(logs.messages(Level.INFO, "bud.otel.enabled=false: tracing stays off")).hasSize(1);
    }
  }

  @Test
  void severalOpenTelemetryBeansAndNonePrimaryFallBackToTheBudPropertiesWithAWarning() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withUserConfiguration(TwoOpenTelemetries.class, OneAssistant.class)
          .run(
              context -> {
                assertThat(Tracking.isConfigured()).isTrue();
                context.getBean(Assistant.class).ask("why?");
                assertThat(context.getBean("firstSpans", InMemorySpanExporter.class).getFinishedSpanItems())
                    .isEmpty();
                assertThat(context.getBean("secondSpans", InMemorySpanExporter.class).getFinishedSpanItems())
                    .isEmpty();
              });
      assertThat(logs.messages(Level.WARNING, "2 OpenTelemetry beans [first, second] and none is @Primary"))
          .hasSize(1);
    }
  }

  @Test
  void ofSeveralOpenTelemetryBeansThePrimaryOneIsUsed() {
    runner
        .withUserConfiguration(TwoOpenTelemetries.class, PrimaryOpenTelemetry.class, OneAssistant.class)
        .run(
            context -> {
              context.getBean(Assistant.class).ask("why?");
              assertThat(context.getBean("primarySpans", InMemorySpanExporter.class).getFinishedSpanItems())
                  .hasSize(1);
              assertThat(context.getBean("firstSpans", InMemorySpanExporter.class).getFinishedSpanItems())
                  .isEmpty();
            });
  }

  @Test
  void theContextThatConfiguredTrackingShutsItDownAndAnotherLeavesItAlone() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withUserConfiguration(ApplicationOpenTelemetry.class, OneAssistant.class)
          .run(
              first -> {
                assertThat(Tracking.isConfigured()).isTrue();
                runner
                    .withUserConfiguration(OneAssistant.class)
                    .run(second -> assertThat(second).hasNotFailed());
                assertThat(logs.messages(Level.INFO, "Tracking is already configured")).hasSize(1);
                assertThat(Tracking.isConfigured())
                    .as("still configured after the second context closed")
                    .isTrue();
                first.getBean(Assistant.class).ask("why?");
                assertThat(first.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).hasSize(1);
              });
      assertThat(Tracking.isConfigured()).as("after the first context closed").isFalse();
    }
  }

  @Test
  void aContextWithoutTrackedBeansConfiguresTrackingToo() {
    runner
        .withUserConfiguration(ApplicationOpenTelemetry.class)
        .run(context -> assertThat(Tracking.isConfigured()).isTrue());
    assertThat(Tracking.isConfigured()).isFalse();
  }

  @Test
  void budPropertiesBecomeTheTrackingConfig() {
    BudProperties properties = new BudProperties();
    properties.setBaseUrl(" https://collector.example ");
    properties.setApiKey("key");
    properties.getOtel().setMode(TrackingConfig.Mode.CREATE);
    properties.getOtel().setCaptureContent(false);

    TrackingConfig config = new TrackingStartup(null, properties, "orders-service").config();

    assertThat(config.collectorEndpoint()).isEqualTo("https://collector.example");
    assertThat(config.apiKey()).isEqualTo("key");
    assertThat(config.serviceName()).as("spring.application.name").isEqualTo("orders-service");
    assertThat(config.mode()).isEqualTo(TrackingConfig.Mode.CREATE);
    assertThat(config.enabled()).isTrue();
    assertThat(config.captureContent()).isFalse();

    properties.getOtel().setServiceName("assistant");
    assertThat(new TrackingStartup(null, properties, "orders-service").config().serviceName())
        .isEqualTo("assistant");
    assertThat(new TrackingStartup(null, new BudProperties(), null).config())
        .as("nothing set: everything left to the environment but the defaults of the properties")
        .isEqualTo(
            TrackingConfig.builder()
                .mode(TrackingConfig.Mode.AUTO)
                .enabled(true)
                .captureContent(true)
                .build());
  }

  @Test
  void captureContentFalseWithAnOpenTelemetryBeanRecordsNoContent() {
    try {
      runner
          .withUserConfiguration(ApplicationOpenTelemetry.class, OneAssistant.class)
          .withPropertyValues("bud.otel.capture-content=false")
          .run(
              context -> {
                assertThat(Tracking.captureContent()).isFalse();
                assertThat(context.getBean(Assistant.class).ask("why?")).isEqualTo("answer to why?");
                List<SpanData> spans =
                    context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
                assertThat(spans).extracting(SpanData::getName).containsExactly("Assistant.ask");
                assertThat(spans.get(0).getAttributes().get(OUTPUT)).isNull();
                assertThat(spans.get(0).getAttributes().asMap().keySet())
                    .noneMatch(key -> key.getKey().startsWith("bud.track.input."));
              });
    } finally {
      Tracking.setCaptureContent(true); // process-wide: the next test records content again
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoOpenTelemetries {

    @Bean
    InMemorySpanExporter firstSpans() {
      return InMemorySpanExporter.create();
    }

    @Bean
    InMemorySpanExporter secondSpans() {
      return InMemorySpanExporter.create();
    }

    @Bean
    OpenTelemetrySdk first(@Qualifier("firstSpans") InMemorySpanExporter spans) {
      return TestBeans.sdk(spans);
    }

    @Bean
    OpenTelemetrySdk second(@Qualifier("secondSpans") InMemorySpanExporter spans) {
      return TestBeans.sdk(spans);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class PrimaryOpenTelemetry {

    @Bean
    InMemorySpanExporter primarySpans() {
      return InMemorySpanExporter.create();
    }

    @Bean
    @Primary
    OpenTelemetrySdk primary(@Qualifier("primarySpans") InMemorySpanExporter spans) {
      return TestBeans.sdk(spans);
    }
  }

  private static String stringAttribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }
}
