package studio.bud.track.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.runtime.internal.TrackedMethod;

/**
 * The runtime-reflection design (comparison 4): a {@link Proxy} whose handler looks the called
 * {@link Method} up in a table, boxes the arguments into an array and calls the implementation
 * with {@link Method#invoke}. It is given its best chance: the table is built once, and a traced
 * call goes through the very same {@link TrackedMethod} steps as the generated wrapper, so the
 * difference between the two is the reflective dispatch alone.
 *
 * <p>{@code @Track} is retained in class files only, so a reflective design could not read it at
 * run time; the table here spells out what the annotations on {@link Assistant} say.
 */
public final class ProxyTracing {

  private ProxyTracing() {}

  /** Returns {@code delegate} behind a proxy that traces the same calls as {@code TracedAssistant}. */
  public static Assistant wrap(Assistant delegate) {
    Map<Method, Tracked> table = new HashMap<>();
    try {
      put(
          table,
          Assistant.class.getMethod("ask", String.class, int.class),
          TrackedMethod.named("Assistant.ask")
              .type("llm")
              .attribute("provider", "bench")
              .inputs("question", "maxTokens"));
      put(
          table,
          Assistant.class.getMethod("measure", Object.class),
          TrackedMethod.named("Assistant.measure").inputs("input"));
      put(
          table,
          Assistant.class.getMethod("refuse", String.class),
          TrackedMethod.named("Assistant.refuse").inputs("question"));
      put(
          table,
          Assistant.class.getMethod("askAsync", String.class),
          TrackedMethod.named("Assistant.askAsync").inputs("question"));
      put(
          table,
          Assistant.class.getMethod("tokens", String.class),
          TrackedMethod.named("Assistant.tokens").inputs("prompt"));
      put(
          table,
          Assistant.class.getMethod("streamTokens", String.class),
          TrackedMethod.named("Assistant.streamTokens").inputs("prompt"));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Assistant changed; update ProxyTracing", e);
    }
    return (Assistant)
        Proxy.newProxyInstance(
            Assistant.class.getClassLoader(),
            new Class<?>[] {Assistant.class},
            new Handler(delegate, table));
  }

  private static void put(Map<Method, Tracked> table, Method method, TrackedMethod.Builder builder) {
    Class<?> type = method.getReturnType();
    Kind kind =
        CompletionStage.class.isAssignableFrom(type)
            ? Kind.ASYNC
            : type == Iterator.class ? Kind.ITERATOR : type == Stream.class ? Kind.STREAM : Kind.PLAIN;
    table.put(method, new Tracked(builder.build(), kind));
  }

  /** How a result is followed; the generated wrapper decides the same at compile time. */
  private enum Kind {
    PLAIN,
    ASYNC,
    ITERATOR,
    STREAM
  }

  /** A tracked method and how its result is followed, both decided once. */
  private static final class Tracked {
    final TrackedMethod method;
    final Kind kind;

    Tracked(TrackedMethod method, Kind kind) {
      this.method = method;
      this.kind = kind;
    }
  }

  private static final class Handler implements InvocationHandler {
    private final Assistant delegate;
    private final Map<Method, Tracked> table;

    Handler(Assistant delegate, Map<Method, Tracked> table) {
      this.delegate = delegate;
      this.table = table;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (!Tracking.isConfigured()) {
        return forward(method, args);
      }
      Tracked tracked = table.get(method);
      if (tracked == null) {
        return forward(method, args); // equals, hashCode, toString
      }
      TrackedMethod descriptor = tracked.method;
      Span span = descriptor.start();
      for (int i = 0; i < args.length; i++) {
        descriptor.input(span, i, args[i]);
      }
      Scope scope = descriptor.enter(span);
      Object result;
      try {
        result = forward(method, args);
      } catch (Throwable t) {
        descriptor.failed(span, scope, t);
        throw t;
      }
      return returned(tracked, span, scope, result);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private static Object returned(Tracked tracked, Span span, Scope scope, Object result) {
      TrackedMethod descriptor = tracked.method;
      switch (tracked.kind) {
        case ASYNC:
          return descriptor.returnedAsync(span, scope, (CompletionStage<?>) result);
        case ITERATOR:
          return descriptor.returnedIterator(span, scope, (Iterator<?>) result);
        case STREAM:
          return descriptor.returnedStream(span, scope, (Stream<?>) result);
        default:
          descriptor.returned(span, scope, result);
          return result;
      }
    }
  }
}
