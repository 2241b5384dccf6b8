package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SpanLimits;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.fixtures.Assistant;
import studio.bud.track.processor.fixtures.TracedAssistant;

/**
 * The order in which a span's attributes are set (type, static attributes, inputs, then output)
 * is observable through the SDK's attribute count limit: once it is reached, later attributes
 * are dropped.
 */
class AttributeOrderTest {

  @RegisterExtension
  final TracingExtension tracing =
      new TracingExtension(SpanLimits.builder().setMaxNumberOfAttributes(4).build());

  @Test
  void typeThenStaticAttributesThenInputsThenOutput() throws IOException {
    Assistant assistant = TracedAssistant.wrap(new TracedCallTest.FakeAssistant());

    assistant.ask("q", 7);

    assertThat(tracing.onlySpan().getAttributes().asMap().keySet())
        .extracting(AttributeKey::getKey)
        .containsExactlyInAnyOrder(
            "bud.track.type", "provider", "model", "bud.track.input.question");
  }
}
