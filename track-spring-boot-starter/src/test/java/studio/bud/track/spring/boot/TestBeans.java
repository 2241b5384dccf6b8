package studio.bud.track.spring.boot;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Implementations and configurations that the starter's tests put into application contexts. */
final class TestBeans {

  private TestBeans() {}

  /** The application's own OpenTelemetry: an SDK whose spans go to an in-memory exporter. */
  @Configuration(proxyBeanMethods = false)
  static class ApplicationOpenTelemetry {

    @Bean
    InMemorySpanExporter spanExporter() {
      return InMemorySpanExporter.create();
    }

    @Bean
    OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter) {
      return sdk(spanExporter);
    }
  }

  static OpenTelemetrySdk sdk(InMemorySpanExporter spanExporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spanExporter))
                .build())
        .build();
  }

  /** One {@link Assistant} bean named {@code assistant}. */
  @Configuration(proxyBeanMethods = false)
  static class OneAssistant {

    @Bean
    EchoAssistant assistant() {
      return new EchoAssistant();
    }
  }

  static class EchoAssistant implements Assistant {
    @Override
    public String ask(String question) {
      return "answer to " + question;
    }
  }

  /** Implements two tracked interfaces. */
  static class AssistantAndRetriever implements Assistant, Retriever {
    @Override
    public String ask(String question) {
      return "answer";
    }

    @Override
    public List<String> retrieve(String query) {
      return List.of("doc");
    }
  }

  /** Implements a tracked interface and one that its traced view would not implement. */
  static class RunnableAssistant implements Assistant, Runnable {
    @Override
    public String ask(String question) {
      return "answer";
    }

    @Override
    public void run() {}
  }

  static class PackagePrivateGreeter implements Greeter {
    @Override
    public String greet(String name) {
      return "hello " + name;
    }
  }

  static class EchoChatAssistant implements ChatAssistant {
    @Override
    public String ask(String question) {
      return "answer to " + question;
    }

    @Override
    public String chat(String message) {
      return "reply to " + message;
    }
  }

  /** Calls the assistant while the context starts: that call is traced too. */
  static class StartupCaller {
    final String warmUpAnswer;

    StartupCaller(Assistant assistant) {
      this.warmUpAnswer = assistant.ask("warm-up");
    }
  }

  /** Calls the assistant while the context closes: that call is traced and exported too. */
  static class ClosingCaller implements DisposableBean {
    private final Assistant assistant;

    ClosingCaller(Assistant assistant) {
      this.assistant = assistant;
    }

    @Override
    public void destroy() {
      assistant.ask("goodbye");
    }
  }

  /** Injected by the interface: gets the traced bean. */
  static class AssistantClient {
    final Assistant assistant;

    AssistantClient(Assistant assistant) {
      this.assistant = assistant;
    }
  }
}
