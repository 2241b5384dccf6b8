package studio.bud.track.processor.wrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.Tracking;

/**
 * {@link Tracking#wrap(Class, Object)} with wrappers that the real processor generated for the
 * interfaces of this package.
 */
class WrapByInterfaceTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void buildSdk() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
  }

  @AfterEach
  void cleanUp() {
    Tracking.shutdown();
    sdk.close();
  }

  @Test
  void wrapReturnsTheGeneratedWrapperAndItsCallsAreTraced() {
    Tracking.configure(sdk);

    Greeter greeter = Tracking.wrap(Greeter.class, name -> "hello " + name);

    assertThat(greeter).isInstanceOf(TracedGreeter.class);
    assertThat(greeter.greet("Ada")).isEqualTo("hello Ada");
    assertThat(spanNames()).containsExactly("Greeter.greet");
    assertThat(exporter.getFinishedSpanItems().get(0).getAttributes().asMap())
        .containsValue("\"Ada\"");
  }

  @Test
  void nestedInterfaceWrapperIsNamedAfterItsEnclosingTypes() {
    Tracking.configure(sdk);

    Catalog.Shelf.Slot slot = Tracking.wrap(Catalog.Shelf.Slot.class, position -> "#" + position);

    assertThat(slot).isInstanceOf(TracedCatalog_Shelf_Slot.class);
    assertThat(slot.label(3)).isEqualTo("#3");
    assertThat(spanNames()).containsExactly("Catalog.Shelf.Slot.label");
  }

  @Test
  void genericInterfaceIsWrapped() {
    Tracking.configure(sdk);
    Box<String> impl = content -> content + "!";

    Box<?> traced = Tracking.wrap(Box.class, impl);

    assertThat(traced).isInstanceOf(TracedBox.class);
    @SuppressWarnings("unchecked") // Class<I> of a generic interface is its raw type.
    Box<String> typed = (Box<String>) traced;
    assertThat(typed.open("gift")).isEqualTo("gift!");
    assertThat(spanNames()).containsExactly("Box.open");
  }

  @Test
  void packagePrivateInterfaceIsWrapped() {
    Tracking.configure(sdk);

    Quiet quiet = Tracking.wrap(Quiet.class, word -> word.toLowerCase(java.util.Locale.ROOT));

    assertThat(quiet).isInstanceOf(TracedQuiet.class);
    assertThat(quiet.whisper("HUSH")).isEqualTo("hush");
    assertThat(spanNames()).containsExactly("Quiet.whisper");
  }

  @Test
  void wrapperMadeBeforeConfigureForwardsUntilTracingIsOnAndThenTraces() {
    Greeter greeter = Tracking.wrap(Greeter.class, name -> "hi " + name);

    assertThat(greeter.greet("before")).isEqualTo("hi before");
    Tracking.configure(sdk);
    assertThat(greeter.greet("after")).isEqualTo("hi after");

    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(span -> assertThat(span.getAttributes().asMap()).containsValue("\"after\""));
  }

  @Test
  void interfaceWithoutWrapperIsAnIllegalArgumentNamingIt() {
    Untracked impl = value -> value;

    assertThatThrownBy(() -> Tracking.wrap(Untracked.class, impl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Untracked.class.getName())
        .hasMessageContaining("TracedUntracked")
        .hasMessageContaining("@Track");
    // The failed lookup is remembered and reported the same way again.
    assertThatThrownBy(() -> Tracking.wrap(Untracked.class, impl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Untracked.class.getName());
  }

  @Test
  void classOrForeignInterfaceIsAnIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> Tracking.wrap(String.class, "text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String is not an interface");
    assertThatThrownBy(() -> Tracking.wrap(Runnable.class, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Runnable")
        .hasMessageContaining("java.lang.TracedRunnable");
    assertThatThrownBy(() -> Tracking.wrap(Serializable.class, "text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.io.Serializable");
  }

  @Test
  void nullDelegateIsANullPointerExceptionNamingDelegate() {
    assertThatThrownBy(() -> Tracking.wrap(Greeter.class, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delegate");
    assertThatThrownBy(() -> Tracking.wrap(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("type");
  }

  @Test
  void wrapperIsLookedUpInTheInterfacesOwnClassLoaderOncePerInterface() throws Exception {
    Tracking.configure(sdk);
    WrapperHidingLoader loader = new WrapperHidingLoader();
    Class<?> lateWrapper = loader.loadClass(LateWrapper.class.getName());
    assertThat(lateWrapper).isNotSameAs(LateWrapper.class);

    assertThatThrownBy(() -> wrapAny(lateWrapper, () -> "unused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TracedLateWrapper was not found");
    assertThat(loader.wrapperRequests).hasValue(1);

    loader.wrapperVisible = true;

    // The first lookup's answer is kept: the class loader is not asked again.
    assertThatThrownBy(() -> wrapAny(lateWrapper, () -> "unused"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(loader.wrapperRequests).hasValue(1);

    // Another interface (the same source in a fresh loader) gets its own lookup, which succeeds.
    WrapperHidingLoader fresh = new WrapperHidingLoader();
    fresh.wrapperVisible = true;
    Class<?> visible = fresh.loadClass(LateWrapper.class.getName());
    Object traced = wrapAny(visible, () -> "late");
    assertThat(traced.getClass().getName()).isEqualTo(TracedLateWrapper.class.getName());
    assertThat(traced.getClass().getClassLoader()).isSameAs(fresh);
    assertThat(traced.getClass().getMethod("value").invoke(traced)).isEqualTo("late");
    assertThat(spanNames()).containsExactly("LateWrapper.value");
    assertThat(fresh.wrapperRequests).hasValue(1);
  }

  /** Wraps a {@link LateWrapper} loaded elsewhere, with a delegate that returns {@code value}. */
  private static Object wrapAny(Class<?> type, java.util.function.Supplier<String> value) {
    Object delegate =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) ->
                method.getName().equals("value") ? value.get() : method.invoke(value, args));
    return Tracking.wrap(asObjectClass(type), delegate);
  }

  @SuppressWarnings("unchecked") // The type is only known at run time here, as in a framework.
  private static Class<Object> asObjectClass(Class<?> type) {
    return (Class<Object>) type;
  }

  private List<String> spanNames() {
    return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
  }

  /**
   * Defines {@link LateWrapper} and its wrapper itself (everything else comes from the test class
   * path), counts how often it is asked for the wrapper, and answers "not found" until {@link
   * #wrapperVisible} is set.
   */
  private static final class WrapperHidingLoader extends ClassLoader {
    private static final String INTERFACE = LateWrapper.class.getName();
    private static final String WRAPPER = TracedLateWrapper.class.getName();

    final AtomicInteger wrapperRequests = new AtomicInteger();
    volatile boolean wrapperVisible;

    WrapperHidingLoader() {
      super("wrapper-hiding", WrapByInterfaceTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(INTERFACE) && !name.equals(WRAPPER)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        if (name.equals(WRAPPER)) {
          wrapperRequests.incrementAndGet();
          if (!wrapperVisible) {
            throw new ClassNotFoundException(name);
          }
        }
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes;
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }
  }
}
