package studio.bud.track.benchmarks.agentextension;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Makes {@code otel.traces.exporter=discard} available to the OpenTelemetry Java agent, which loads
 * this package as an extension ({@code otel.javaagent.extensions}). The agent's autoconfiguration
 * puts every exporter but the logging ones behind a {@code BatchSpanProcessor}, so spans under the
 * agent are recorded and batched exactly as in the SDK comparisons, and then dropped.
 */
public final class DiscardingSpanExporterProvider implements ConfigurableSpanExporterProvider {

  /** The value of {@code otel.traces.exporter} that selects this exporter. */
  public static final String NAME = "discard";

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new DiscardingSpanExporter();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
