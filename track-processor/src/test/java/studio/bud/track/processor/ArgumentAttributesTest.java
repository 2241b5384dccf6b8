package studio.bud.track.processor;

import static io.opentelemetry.api.common.AttributeKey.booleanArrayKey;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.fixtures.Llm;
import studio.bud.track.processor.fixtures.TracedLlm;
import studio.bud.track.runtime.Tracking;

/**
 * {@code @Track(kind = ...)} and {@code @Track.Attribute} (SPEC sections 2 and 4) through the
 * generated {@code TracedLlm}: each span kind, and each attribute with its OpenTelemetry type.
 */
class ArgumentAttributesTest {

  @RegisterExtension final TracingExtension tracing = new TracingExtension();

  /** Does nothing; the spans are the point. */
  static class QuietLlm implements Llm {
    @Override
    public String chat(String model, double temperature, Integer maxTokens, String prompt) {
      return "answer";
    }

    @Override
    public void serve(String request) {}

    @Override
    public void publish(String message) {}

    @Override
    public void consume(String message) {}

    @Override
    public void internal() {}

    @Override
    public void primitives(byte b, short s, int i, long l, float f, double d, boolean flag, char c) {}

    @Override
    public void boxes(Byte b, Short s, Integer i, Long l, Float f, Double d, Boolean flag, Character c) {}

    @Override
    public void texts(String string, StringBuilder builder, Mode mode, Map<String, Integer> map) {}

    @Override
    public void arrays(
        byte[] bytes,
        short[] shorts,
        int[] ints,
        long[] longs,
        float[] floats,
        double[] doubles,
        boolean[] booleans,
        char[] chars,
        Integer[] integers,
        Double[] boxedDoubles,
        Boolean[] boxedBooleans,
        String[] strings,
        Mode[] modes) {}

    @Override
    public void lists(
        List<Long> longs,
        List<? extends Double> doubles,
        List<Boolean> booleans,
        List<String> strings,
        List<Mode> modes,
        List<Object> objects) {}

    @Override
    public void collide(String builder, long span) {}

    @Override
    public <T extends Integer, S extends CharSequence> void generic(T number, S text) {}
  }

  private final Llm llm = TracedLlm.wrap(new QuietLlm());

  @Test
  void eachKindBecomesTheSpanKind() {
    llm.chat("m", 0.5, 1, "p");
    llm.serve("r");
    llm.publish("m");
    llm.consume("m");
    llm.internal();

    assertThat(tracing.span("Llm.chat").getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(tracing.span("Llm.serve").getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(tracing.span("Llm.publish").getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(tracing.span("Llm.consume").getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(tracing.span("Llm.internal").getKind()).isEqualTo(SpanKind.INTERNAL);
  }

  @Test
  void typedAttributesComeBesideTheRenderedInputs() {
    llm.chat("gpt-4o-mini", 0.2, 256, "Hello");

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
    assertThat(attributes.get(doubleKey("gen_ai.request.temperature"))).isEqualTo(0.2);
    assertThat(attributes.get(longKey("gen_ai.request.max_tokens"))).isEqualTo(256L);
    // The usual inputs stay strings, as the Python SDK's are.
    assertThat(attributes.get(stringKey("bud.track.input.model"))).isEqualTo("\"gpt-4o-mini\"");
    assertThat(attributes.get(stringKey("bud.track.input.temperature"))).isEqualTo("0.2");
    assertThat(attributes.get(stringKey("bud.track.input.prompt"))).isEqualTo("\"Hello\"");
    assertThat(attributes.get(stringKey("bud.track.type"))).isEqualTo("llm");
  }

  @Test
  void primitivesAreLongDoubleAndBooleanAttributes() {
    llm.primitives((byte) 1, (short) 2, 3, 4L, 1.5f, 2.5, true, 'x');

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(longKey("p.byte"))).isEqualTo(1L);
    assertThat(attributes.get(longKey("p.short"))).isEqualTo(2L);
    assertThat(attributes.get(longKey("p.int"))).isEqualTo(3L);
    assertThat(attributes.get(longKey("p.long"))).isEqualTo(4L);
    assertThat(attributes.get(doubleKey("p.float"))).isEqualTo(1.5);
    assertThat(attributes.get(doubleKey("p.double"))).isEqualTo(2.5);
    assertThat(attributes.get(booleanKey("p.boolean"))).isTrue();
    assertThat(attributes.get(stringKey("p.char"))).as("not a number: rendered").isEqualTo("'x'");
  }

  @Test
  void boxesAreTheirPrimitivesAttributes() {
    llm.boxes((byte) -1, (short) -2, -3, Long.MAX_VALUE, 0.25f, -0.5, false, 'y');

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(longKey("b.byte"))).isEqualTo(-1L);
    assertThat(attributes.get(longKey("b.short"))).isEqualTo(-2L);
    assertThat(attributes.get(longKey("b.int"))).isEqualTo(-3L);
    assertThat(attributes.get(longKey("b.long"))).isEqualTo(Long.MAX_VALUE);
    assertThat(attributes.get(doubleKey("b.float"))).isEqualTo(0.25);
    assertThat(attributes.get(doubleKey("b.double"))).isEqualTo(-0.5);
    assertThat(attributes.get(booleanKey("b.boolean"))).isFalse();
    assertThat(attributes.get(stringKey("b.char"))).isEqualTo("'y'");
  }

  @Test
  void nullArgumentsSetNothing() {
    llm.boxes(null, null, null, null, null, null, null, null);
    llm.texts(null, null, null, null);
    llm.arrays(null, null, null, null, null, null, null, null, null, null, null, null, null);
    llm.lists(null, null, null, null, null, null);

    for (SpanData span : tracing.spans()) {
      assertThat(span.getAttributes().asMap().keySet())
          .extracting(AttributeKey::getKey)
          .allSatisfy(key -> assertThat(key).startsWith("bud.track.input."));
    }
    assertThat(tracing.spans()).hasSize(4);
  }

  @Test
  void textsAndEnumsAreStringsAndOtherTypesAreRendered() {
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("a", 1);
    llm.texts("plain", new StringBuilder("built"), Llm.Mode.CAREFUL, map);

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(stringKey("t.string"))).as("not quoted").isEqualTo("plain");
    assertThat(attributes.get(stringKey("t.builder"))).isEqualTo("built");
    assertThat(attributes.get(stringKey("t.enum"))).isEqualTo("CAREFUL");
    assertThat(attributes.get(stringKey("t.map"))).isEqualTo("{\"a\": 1}");
  }

  @Test
  void arraysAreArrayAttributesWithoutTheirNullElements() {
    llm.arrays(
        new byte[] {1, 2},
        new short[] {3},
        new int[] {4, 5},
        new long[] {6},
        new float[] {0.5f},
        new double[] {1.5, 2.5},
        new boolean[] {true, false},
        new char[] {'a', 'b'},
        new Integer[] {7, null, 8},
        new Double[] {null, 3.5},
        new Boolean[] {false},
        new String[] {"x", null, "y"},
        new Llm.Mode[] {Llm.Mode.FAST, Llm.Mode.CAREFUL});

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(longArrayKey("a.bytes"))).containsExactly(1L, 2L);
    assertThat(attributes.get(longArrayKey("a.shorts"))).containsExactly(3L);
    assertThat(attributes.get(longArrayKey("a.ints"))).containsExactly(4L, 5L);
    assertThat(attributes.get(longArrayKey("a.longs"))).containsExactly(6L);
    assertThat(attributes.get(doubleArrayKey("a.floats"))).containsExactly(0.5);
    assertThat(attributes.get(doubleArrayKey("a.doubles"))).containsExactly(1.5, 2.5);
    assertThat(attributes.get(booleanArrayKey("a.booleans"))).containsExactly(true, false);
    assertThat(attributes.get(stringKey("a.chars"))).isEqualTo("['a', 'b']");
    assertThat(attributes.get(longArrayKey("a.integers"))).containsExactly(7L, 8L);
    assertThat(attributes.get(doubleArrayKey("a.boxed_doubles"))).containsExactly(3.5);
    assertThat(attributes.get(booleanArrayKey("a.boxed_booleans"))).containsExactly(false);
    assertThat(attributes.get(stringArrayKey("a.strings"))).containsExactly("x", "y");
    assertThat(attributes.get(stringArrayKey("a.modes"))).containsExactly("FAST", "CAREFUL");
  }

  @Test
  void listsAreArrayAttributesAndListsOfOtherTypesAreRendered() {
    llm.lists(
        List.of(1L, 2L),
        List.of(0.5),
        Arrays.asList(true, null),
        List.of("a", "b"),
        List.of(Llm.Mode.FAST),
        List.of("x", 1));

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(longArrayKey("l.longs"))).containsExactly(1L, 2L);
    assertThat(attributes.get(doubleArrayKey("l.doubles"))).containsExactly(0.5);
    assertThat(attributes.get(booleanArrayKey("l.booleans"))).containsExactly(true);
    assertThat(attributes.get(stringArrayKey("l.strings"))).containsExactly("a", "b");
    assertThat(attributes.get(stringArrayKey("l.modes"))).containsExactly("FAST");
    assertThat(attributes.get(stringKey("l.objects"))).isEqualTo("[\"x\", 1]");
  }

  @Test
  void arrayAttributesKeepTheirFirst128Elements() {
    List<Long> many = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      many.add(i);
    }

    llm.lists(many, null, null, null, null, null);

    assertThat(tracing.onlySpan().getAttributes().get(longArrayKey("l.longs")))
        .hasSize(128)
        .startsWith(0L, 1L)
        .endsWith(127L);
  }

  @Test
  void parametersNamedLikeTheBodysLocalsDoNotCollide() {
    llm.collide("b", 7L);

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(stringKey("c.builder"))).isEqualTo("b");
    assertThat(attributes.get(longKey("c.span"))).isEqualTo(7L);
  }

  @Test
  void typeVariablesTakeTheFormOfTheirBound() {
    llm.generic(42, new StringBuilder("bounded"));

    Attributes attributes = tracing.onlySpan().getAttributes();
    assertThat(attributes.get(longKey("g.number"))).isEqualTo(42L);
    assertThat(attributes.get(stringKey("g.text"))).isEqualTo("bounded");
  }

  @Test
  void longStringAttributesAreCutLikeAnyAttribute() {
    int previous = Tracking.maxAttributeLength();
    Tracking.setMaxAttributeLength(10);
    try {
      llm.chat("a-very-long-model-name", 0, null, "p");
    } finally {
      Tracking.setMaxAttributeLength(previous);
    }

    assertThat(tracing.onlySpan().getAttributes().get(stringKey("gen_ai.request.model")))
        .isEqualTo("a-very-...");
  }

  /** SPEC section 4, step 1: the attributes are on the span builder, where samplers see them. */
  @Test
  void samplersSeeTheAttributes() {
    List<Attributes> seen = new CopyOnWriteArrayList<>();
    Sampler recordingSampler =
        new Sampler() {
          @Override
          public SamplingResult shouldSample(
              Context parentContext,
              String traceId,
              String name,
              SpanKind spanKind,
              Attributes attributes,
              List<LinkData> parentLinks) {
            seen.add(Attributes.builder().putAll(attributes).build()); // a snapshot: the SDK passes its live map
            return SamplingResult.recordAndSample();
          }

          @Override
          public String getDescription() {
            return "recording";
          }
        };
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Tracking.shutdown(); // the extension's SDK; this test brings its own sampler
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSampler(recordingSampler)
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build()) {
      Tracking.configure(sdk);

      llm.chat("gpt-4o-mini", 0.7, 100, "Hello");

      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).get(stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
      assertThat(seen.get(0).get(doubleKey("gen_ai.request.temperature"))).isEqualTo(0.7);
      assertThat(seen.get(0).get(longKey("gen_ai.request.max_tokens"))).isEqualTo(100L);
      assertThat(seen.get(0).get(stringKey("bud.track.input.prompt")))
          .as("inputs come after the start, as before")
          .isNull();
      assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    } finally {
      Tracking.shutdown();
    }
  }

  @Test
  void withoutTracingTheCallIsOnlyForwarded() {
    Tracking.shutdown();

    assertThat(llm.chat("m", 0.1, 1, "p")).isEqualTo("answer");
    assertThat(tracing.spans()).isEmpty();
  }
}
