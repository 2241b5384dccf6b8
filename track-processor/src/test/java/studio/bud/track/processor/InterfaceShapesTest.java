package studio.bud.track.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import studio.bud.track.processor.fixtures.Outer;
import studio.bud.track.processor.fixtures.Repository;
import studio.bud.track.processor.fixtures.Shapes;
import studio.bud.track.processor.fixtures.StringStore;
import studio.bud.track.processor.fixtures.Toolbox;
import studio.bud.track.processor.fixtures.TracedOuter_Inner;
import studio.bud.track.processor.fixtures.TracedRepository;
import studio.bud.track.processor.fixtures.TracedShapes;
import studio.bud.track.processor.fixtures.TracedStringStore;
import studio.bud.track.processor.fixtures.TracedToolbox;

/** The interface shapes a user writes, each compiled through the processor and called. */
class InterfaceShapesTest {

  @RegisterExtension final TracingExtension tracing = new TracingExtension();

  static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  static final class IntRepository implements Repository<String, Integer> {
    private final Map<String, Integer> saved = new HashMap<>();

    @Override
    public <S extends Integer> S save(String key, S value) {
      saved.put(key, value);
      return value;
    }

    @Override
    public Integer find(String key) {
      return saved.get(key);
    }

    @Override
    public List<? extends Integer> all() {
      return List.copyOf(saved.values());
    }
  }

  @Test
  void genericInterfaceWithBoundedGenericMethod() {
    Repository<String, Integer> repository = TracedRepository.wrap(new IntRepository());

    Integer stored = repository.save("answer", 42);
    assertThat(repository.find("answer")).isSameAs(stored);

    SpanData save = tracing.span("Repository.save");
    assertThat(attribute(save, "bud.track.input.key")).isEqualTo("\"answer\"");
    assertThat(attribute(save, "bud.track.input.value")).isEqualTo("42");
    assertThat(attribute(save, "bud.track.output")).isEqualTo("42");
    assertThat(attribute(tracing.span("Repository.find"), "bud.track.type")).isEqualTo("tool");
  }

  @Test
  void subinterfaceOfGenericBaseInheritsTrackedMethodsWithTheBasesSettings() {
    Map<String, String> texts = new HashMap<>();
    StringStore store =
        TracedStringStore.wrap(
            new StringStore() {
              @Override
              public void put(String key, String text) {
                texts.put(key, text);
              }

              @Override
              public int size() {
                return texts.size();
              }

              @Override
              public String get(String id) {
                return texts.get(id);
              }
            });

    store.put("k", "v");
    assertThat(store.get("k")).isEqualTo("v");
    assertThat(store.size()).isEqualTo(1);

    // put is redeclared in StringStore without @Track: the base's annotation still applies,
    // and the parameters are the redeclaration's.
    SpanData put = tracing.span("store.put");
    assertThat(put.getAttributes().asMap())
        .isEqualTo(
            Attributes.builder()
                .put("bud.track.input.key", "\"k\"")
                .put("bud.track.input.text", "\"v\"")
                .build().asMap());
    SpanData get = tracing.span("Store.get");
    assertThat(attribute(get, "bud.track.type")).isEqualTo("tool");
    assertThat(attribute(get, "bud.track.output")).isEqualTo("\"v\"");
    assertThat(attribute(tracing.span("StringStore.size"), "bud.track.output")).isEqualTo("1");
  }

  @Test
  void nestedInterfaceIsNamedWithItsEnclosingTypes() {
    Outer.Inner inner = TracedOuter_Inner.wrap(name -> "hello " + name);

    assertThat(inner.hello("you")).isEqualTo("hello you");
    assertThat(tracing.onlySpan().getName()).isEqualTo("Outer.Inner.hello");
  }

  /** Echoes its arguments so each overload's capture can be checked. */
  static final class EchoShapes implements Shapes {
    @Override
    public double area(int side) {
      return side * side;
    }

    @Override
    public double area(double width, double height) {
      return width * height;
    }

    @Override
    public int sum(int... values) {
      int total = 0;
      for (int value : values) {
        total += value;
      }
      return total;
    }

    @Override
    public String[] split(String text, char[] separators) {
      return text.split("[" + new String(separators) + "]");
    }

    @Override
    public byte[] bytes(byte b, short s, float f, boolean flag, char c) {
      return new byte[] {b, (byte) s};
    }

    @Override
    public String describe(String label, Object value) {
      return label + "=" + value;
    }

    @Override
    public void check(String path) throws IOException, TimeoutException {
      if (path.isEmpty()) {
        throw new TimeoutException("slow disk");
      }
      throw new IOException("missing " + path);
    }

    @Override
    public <E extends Exception> void fail(E error) throws E {
      throw error;
    }
  }

  final Shapes shapes = TracedShapes.wrap(new EchoShapes());

  @Test
  void overloadsAreTracedSeparatelyWithTheirOwnParameters() {
    assertThat(shapes.area(3)).isEqualTo(9.0);
    assertThat(shapes.area(2.0, 2.5)).isEqualTo(5.0);

    List<SpanData> spans = tracing.spans();
    assertThat(spans).extracting(SpanData::getName).containsExactly("Shapes.area", "Shapes.area");
    assertThat(attribute(spans.get(0), "bud.track.input.side")).isEqualTo("3");
    assertThat(attribute(spans.get(0), "bud.track.output")).isEqualTo("9.0");
    assertThat(attribute(spans.get(1), "bud.track.input.width")).isEqualTo("2.0");
    assertThat(attribute(spans.get(1), "bud.track.input.height")).isEqualTo("2.5");
  }

  @Test
  void varargsArraysAndPrimitivesKeepTheirValues() {
    assertThat(shapes.sum(1, 2, 3)).isEqualTo(6);
    assertThat(shapes.split("a,b;c", new char[] {',', ';'})).containsExactly("a", "b", "c");
    assertThat(shapes.bytes((byte) 1, (short) 2, 1.5f, true, 'z')).containsExactly(1, 2);

    SpanData sum = tracing.spans().get(0);
    assertThat(attribute(sum, "bud.track.input.values")).isEqualTo("[1, 2, 3]");
    assertThat(attribute(sum, "bud.track.output")).isEqualTo("6");
    SpanData split = tracing.spans().get(1);
    assertThat(attribute(split, "bud.track.input.separators")).isEqualTo("[',', ';']");
    assertThat(attribute(split, "bud.track.output")).isEqualTo("[\"a\", \"b\", \"c\"]");
    SpanData bytes = tracing.spans().get(2);
    assertThat(attribute(bytes, "bud.track.input.b")).isEqualTo("1");
    assertThat(attribute(bytes, "bud.track.input.s")).isEqualTo("2");
    assertThat(attribute(bytes, "bud.track.input.f")).isEqualTo("1.5");
    assertThat(attribute(bytes, "bud.track.input.flag")).isEqualTo("true");
    assertThat(attribute(bytes, "bud.track.input.c")).isEqualTo("'z'");
    assertThat(attribute(bytes, "bud.track.output")).isEqualTo("[1, 2]");
  }

  @Test
  void typeUseAnnotatedParametersAreCaptured() {
    assertThat(shapes.describe(null, 5)).isEqualTo("null=5");

    SpanData span = tracing.onlySpan();
    assertThat(attribute(span, "bud.track.input.label")).isEqualTo("null");
    assertThat(attribute(span, "bud.track.input.value")).isEqualTo("5");
  }

  @Test
  void declaredCheckedExceptionsPassThroughUnchanged() {
    Throwable io = catchThrowable(() -> shapes.check("/etc/x"));
    Throwable timeout = catchThrowable(() -> shapes.check(""));

    assertThat(io).isInstanceOf(IOException.class).hasMessage("missing /etc/x");
    assertThat(timeout).isInstanceOf(TimeoutException.class).hasMessage("slow disk");
    assertThat(tracing.spans())
        .extracting(s -> s.getStatus().getDescription())
        .containsExactly("IOException: missing /etc/x", "TimeoutException: slow disk");
  }

  @Test
  void genericThrownTypeIsRethrownAsTheSameInstance() {
    Exception error = new Exception("generic");

    assertThat(catchThrowable(() -> shapes.fail(error))).isSameAs(error);
    assertThat(tracing.onlySpan().getEvents()).hasSize(1);
  }

  @Test
  void typeLevelTrackCoversEveryMethodAndAMethodsOwnReplacesItEntirely() {
    Toolbox toolbox =
        TracedToolbox.wrap(
            new Toolbox() {
              @Override
              public String lookup(String query) {
                return "found " + query;
              }

              @Override
              public String plan(String goal) {
                return "plan " + goal;
              }
            });

    toolbox.lookup("cats");
    toolbox.plan("win");

    SpanData lookup = tracing.span("Toolbox.lookup");
    assertThat(lookup.getAttributes().asMap())
        .isEqualTo(
            Attributes.builder()
                .put("bud.track.type", "tool")
                .put("team", "search")
                .put("bud.track.input.query", "\"cats\"")
                .put("bud.track.output", "\"found cats\"")
                .build().asMap());
    SpanData plan = tracing.span("Toolbox.plan");
    assertThat(plan.getAttributes().asMap())
        .isEqualTo(
            Attributes.builder()
                .put("bud.track.type", "chain")
                .put("bud.track.output", "\"plan win\"")
                .build().asMap());
  }

  @Test
  void defaultMethodOfTypeLevelInterfaceIsTracedAndForwardedToTheDefault() {
    Toolbox toolbox =
        TracedToolbox.wrap(
            new Toolbox() {
              @Override
              public String lookup(String query) {
                return "L";
              }

              @Override
              public String plan(String goal) {
                return "P";
              }
            });

    assertThat(toolbox.both("q")).isEqualTo("PL");
    // The default body runs on the implementation, so its own calls are not traced.
    assertThat(tracing.spans()).extracting(SpanData::getName).containsExactly("Toolbox.both");
  }

  @Test
  void wrapperIsPublicFinalExactlyWhenTheInterfaceIsPublic() throws Exception {
    Class<?> hidden = Class.forName("studio.bud.track.processor.fixtures.TracedHidden");

    assertThat(Modifier.isPublic(TracedShapes.class.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(TracedShapes.class.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(hidden.getModifiers())).isFalse();
    assertThat(Modifier.isFinal(hidden.getModifiers())).isTrue();
  }
}
