package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.fixtures.Pipeline;
import studio.bud.track.processor.fixtures.TracedPipeline;

/** A {@code Map} result: one attribute per entry, keys by {@code String.valueOf}, at most 128. */
class MapOutputTest {

  /** Room for far more than 128 attributes, so the cap seen is ours and not the SDK's. */
  @RegisterExtension
  final TracingExtension tracing =
      new TracingExtension(SpanLimits.builder().setMaxNumberOfAttributes(1000).build());

  static long outputAttributes(SpanData span) {
    return span.getAttributes().asMap().keySet().stream()
        .map(AttributeKey::getKey)
        .filter(key -> key.startsWith("bud.track.output."))
        .count();
  }

  @Test
  void atMost128EntriesAreRecorded() throws Exception {
    Map<String, String> big = new LinkedHashMap<>();
    for (int i = 0; i < 500; i++) {
      big.put("k" + i, "v" + i);
    }
    Pipeline pipeline = TracedPipeline.wrap(topic -> big);

    assertThat(pipeline.run("t")).isSameAs(big);

    SpanData span = tracing.onlySpan();
    assertThat(outputAttributes(span)).isEqualTo(128);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output.k0")))
        .isEqualTo("\"v0\"");
  }

  @Test
  void nullKeysAndValuesAreRenderedByStringValueOfAndRepr() throws Exception {
    Map<String, String> result = new LinkedHashMap<>();
    result.put(null, "no key");
    result.put("empty", null);
    Pipeline pipeline = TracedPipeline.wrap(topic -> result);

    pipeline.run("t");

    SpanData span = tracing.onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output.null")))
        .isEqualTo("\"no key\"");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("bud.track.output.empty")))
        .isEqualTo("null");
    assertThat(outputAttributes(span)).isEqualTo(2);
  }
}
