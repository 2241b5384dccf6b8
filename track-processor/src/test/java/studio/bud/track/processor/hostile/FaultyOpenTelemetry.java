package studio.bud.track.processor.hostile;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A real OpenTelemetry SDK seen through proxies of its API interfaces ({@link OpenTelemetry},
 * {@link TracerProvider}, {@link Tracer}, {@link SpanBuilder}, {@link Span}), one of whose methods
 * throws. Everything else reaches the real SDK, so the spans that do start are real and a {@link
 * SpanLedger} sees whether they end. Default methods run against the proxy (so {@code
 * Span.makeCurrent()} goes through a faulty {@code storeInContext}), as they would in a broken
 * implementation.
 */
final class FaultyOpenTelemetry {

  /** The API interfaces that are proxied; a fault names one of their methods. */
  private static final List<Class<?>> PROXIED =
      List.of(OpenTelemetry.class, TracerProvider.class, Tracer.class, SpanBuilder.class, Span.class);

  private final String fault;
  private final Supplier<? extends Throwable> failure;
  private final AtomicLong thrown = new AtomicLong();

  /**
   * @param fault {@code Interface.method} (simple names), or {@code Interface.*} for every
   *     abstract and default method of it
   */
  private FaultyOpenTelemetry(String fault, Supplier<? extends Throwable> failure) {
    this.fault = fault;
    this.failure = failure;
  }

  static FaultyOpenTelemetry throwingIn(String fault, Supplier<? extends Throwable> failure) {
    return new FaultyOpenTelemetry(fault, failure);
  }

  /** {@code real}, with the fault. */
  OpenTelemetry around(OpenTelemetry real) {
    return proxy(OpenTelemetry.class, real);
  }

  /** How often the fault fired. */
  long thrown() {
    return thrown.get();
  }

  private <T> T proxy(Class<T> type, Object real) {
    return type.cast(
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler(type, real)));
  }

  private final class Handler implements InvocationHandler {
    private final Class<?> type;
    private final Object real;

    Handler(Class<?> type, Object real) {
      this.type = type;
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return method.getName().equals("equals")
            ? proxy == args[0]
            : method.invoke(real, args);
      }
      String name = type.getSimpleName() + "." + method.getName();
      if (name.equals(fault) || fault.equals(type.getSimpleName() + ".*")) {
        thrown.incrementAndGet();
        throw failure.get();
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      Object result;
      try {
        result = method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result == real) {
        return proxy; // builders return themselves
      }
      for (Class<?> proxied : PROXIED) {
        if (proxied == method.getReturnType() && result != null) {
          return proxy(proxied, result);
        }
      }
      return result;
    }
  }
}
