package studio.bud.track.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.runtime.TrackingLogCapture;
import studio.bud.track.runtime.internal.TrackedMethod;

/**
 * A broken OpenTelemetry fails on every call; the runtime says so once per configuration, as a
 * warning, and otherwise keeps quiet at debug level. A new configuration gets its own warning, so
 * an earlier failure cannot hide a later one.
 */
class FailureLoggingTest {

  private static final TrackedMethod ASK = TrackedMethod.named("Broken.ask").inputs("question").build();

  private TrackingLogCapture log;
  private List<LogRecord> records;

  @BeforeEach
  void capture() {
    log = TrackingLogCapture.start();
    records = log.records();
  }

  @AfterEach
  void release() {
    Tracking.shutdown();
    log.close();
  }

  /** An OpenTelemetry whose every method throws. */
  private static OpenTelemetry broken() {
    return (OpenTelemetry)
        Proxy.newProxyInstance(
            OpenTelemetry.class.getClassLoader(),
            new Class<?>[] {OpenTelemetry.class},
            (proxy, method, args) -> {
              if (method.getName().equals("toString")) {
                return "broken";
              }
              throw new IllegalStateException("broken " + method.getName());
            });
  }

  /** One traced call, driven as generated code drives it. */
  private static void call() {
    Context before = Context.current();
    Span span = ASK.start();
    ASK.input(span, 0, "why?");
    Scope scope = ASK.enter(span);
    ASK.returned(span, scope, "because");
    assertThat(Context.current()).isSameAs(before);
  }

  private List<LogRecord> atOrAbove(Level level) {
    return records.stream()
        .filter(record -> record.getLevel().intValue() >= level.intValue())
        .collect(Collectors.toList());
  }

  @Test
  void aFailureOnEveryCallIsOneWarningPerConfiguration() {
    Tracking.configure(broken());
    for (int i = 0; i < 1000; i++) {
      call();
    }

    assertThat(atOrAbove(Level.WARNING)).hasSize(1);
    assertThat(atOrAbove(Level.WARNING).get(0).getThrown())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broken");
    assertThat(records.size()).as("the rest at debug level").isGreaterThanOrEqualTo(1000);

    Tracking.shutdown();
    Tracking.configure(broken());
    call();
    call();

    assertThat(atOrAbove(Level.WARNING)).hasSize(2);
  }

  @Test
  void withoutFailuresNothingIsLogged() {
    Tracking.configure(OpenTelemetry.noop());
    for (int i = 0; i < 100; i++) {
      call();
    }

    assertThat(records).isEmpty();
  }
}
