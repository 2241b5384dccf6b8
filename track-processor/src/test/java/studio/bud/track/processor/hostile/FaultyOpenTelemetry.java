package studio.bud.track.processor.hostile;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A real OpenTelemetry SDK seen through proxies of its API interfaces ({@link OpenTelemetry},
 * {@link TracerProvider}, {@link Tracer}, {@link SpanBuilder}, {@link Span}, {@link SpanContext},
 * and the {@link Context} a span is stored in and the {@link Scope} that makes it current), one of
 * whose methods is faulty: it throws, or it returns an odd or broken object of its own instead of
 * asking the SDK (a {@code null} span builder, an invalid span context, a span context whose every
 * method throws). Everything else reaches the real SDK, so the spans that do start are real and a
 * {@link SpanLedger} sees whether they end. Default methods run against the proxy (so {@code
 * Span.makeCurrent()} goes through a faulty {@code storeInContext}, and {@code
 * Context.makeCurrent()} attaches the proxy), as they would in a broken implementation.
 *
 * <p>A throwing {@code Scope.close} first closes the real scope, so the thread's current context
 * is restored as the runtime expects; only the exception is the fault.
 */
final class FaultyOpenTelemetry {

  /** The API interfaces that are proxied; a fault names one of their methods. */
  private static final List<Class<?>> PROXIED =
      List.of(
          OpenTelemetry.class, TracerProvider.class, Tracer.class, SpanBuilder.class, Span.class,
          SpanContext.class, Context.class, Scope.class);

  private final List<String> faults;
  private final Supplier<? extends Throwable> failure;
  private final Supplier<?> oddResult;
  private final AtomicLong fired = new AtomicLong();

  /**
   * @param fault {@code Interface.method} (simple names), or {@code Interface.*} for every
   *     abstract and default method of it; several, separated by {@code |}, are one fault point
   *     (the ways of recording an exception, say)
   */
  private FaultyOpenTelemetry(String fault, Supplier<? extends Throwable> failure, Supplier<?> oddResult) {
    this.faults = List.of(fault.split("\\|"));
    this.failure = failure;
    this.oddResult = oddResult;
  }

  /** {@code fault} throws what {@code failure} makes. */
  static FaultyOpenTelemetry throwingIn(String fault, Supplier<? extends Throwable> failure) {
    return new FaultyOpenTelemetry(fault, failure, null);
  }

  /** {@code fault} returns what {@code oddResult} makes, without asking the SDK. */
  static FaultyOpenTelemetry returningFrom(String fault, Supplier<?> oddResult) {
    return new FaultyOpenTelemetry(fault, null, oddResult);
  }

  /** A span context whose every method throws. */
  static SpanContext brokenSpanContext() {
    return (SpanContext)
        Proxy.newProxyInstance(
            SpanContext.class.getClassLoader(),
            new Class<?>[] {SpanContext.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0]
                    : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                    : "a broken SpanContext";
              }
              throw new IllegalStateException("broken SpanContext." + method.getName());
            });
  }

  /** {@code real}, with the fault. */
  OpenTelemetry around(OpenTelemetry real) {
    return proxy(OpenTelemetry.class, real);
  }

  /** How often the fault fired. */
  long fired() {
    return fired.get();
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
      if (faults.contains(name) || faults.contains(type.getSimpleName() + ".*")) {
        fired.incrementAndGet();
        if (oddResult != null) {
          return oddResult.get();
        }
        if (type == Scope.class) {
          call(method, args);
        }
        throw failure.get();
      }
      Object result = method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : call(method, args);
      if (result == real || result == proxy) {
        return proxy; // builders return themselves
      }
      if (result != null && Proxy.isProxyClass(result.getClass())
          && Proxy.getInvocationHandler(result) instanceof Handler) {
        return result; // already faulty: a default method went through another proxy
      }
      for (Class<?> proxied : PROXIED) {
        if (proxied == method.getReturnType() && result != null) {
          return proxy(proxied, result);
        }
      }
      return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
