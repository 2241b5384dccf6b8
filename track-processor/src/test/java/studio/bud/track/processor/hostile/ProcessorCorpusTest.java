package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import studio.bud.track.processor.TrackProcessor;

/**
 * A generated corpus of unusual interfaces ({@link Corpus}) compiled through the real processor,
 * as a user's build would with {@code -Xlint:all}, next to a second processor ({@link TypeMaker})
 * that generates types some of them use in their signatures. Each one either compiles into a wrapper that
 * raises no warning of its own, loads, and forwards every method (arguments, result and exception
 * unchanged, a span per tracked call), or is rejected with a {@code [Track...]} diagnostic; javac
 * never crashes and the processor never reports an internal error.
 *
 * <p>The cases are compiled in batches to keep the test fast; a batch with any error is compiled
 * again case by case, so that each verdict is the case's own.
 */
class ProcessorCorpusTest {

  static final long SEED = 0x7261636bL;
  static final int RANDOM_CASES = 160;
  private static final int BATCH = 60;

  static final List<Corpus.Case> CASES = Corpus.generate(SEED, RANDOM_CASES);

  /** What compiling a case gave: its own diagnostics, and its classes when it compiled. */
  static final class Result {
    final List<Diagnostic<? extends JavaFileObject>> diagnostics = new ArrayList<>();
    ClassLoader classes;
    Throwable crash;
  }

  private static final Map<String, Result> RESULTS = new LinkedHashMap<>();
  private static Sdk sdk;

  static List<Corpus.Case> cases() {
    return CASES;
  }

  @BeforeAll
  static void compileTheCorpus() {
    sdk = Sdk.configured(false);
    List<Corpus.Case> expectedToWork = new ArrayList<>();
    for (Corpus.Case c : CASES) {
      if (c.expect == Corpus.Expect.WORKS) {
        expectedToWork.add(c);
      } else {
        compileAlone(c);
      }
    }
    for (int from = 0; from < expectedToWork.size(); from += BATCH) {
      List<Corpus.Case> batch = expectedToWork.subList(from, Math.min(from + BATCH, expectedToWork.size()));
      Compilation compilation;
      try {
        compilation = compile(batch);
      } catch (RuntimeException crash) {
        batch.forEach(ProcessorCorpusTest::compileAlone);
        continue;
      }
      if (compilation.status() == Compilation.Status.SUCCESS) {
        ClassLoader loader = loader(compilation);
        for (Corpus.Case c : batch) {
          Result result = new Result();
          result.diagnostics.addAll(diagnosticsOf(c, compilation));
          result.classes = loader;
          RESULTS.put(c.name, result);
        }
      } else {
        batch.forEach(ProcessorCorpusTest::compileAlone);
      }
    }
  }

  @AfterAll
  static void closeSdk() {
    sdk.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesIntoAWorkingWrapperOrGetsADiagnostic(Corpus.Case c) throws Throwable {
    Result result = RESULTS.get(c.name);
    assertThat(result.crash).as("javac or the processor crashed on%n%s", c.text()).isNull();
    List<String> errors = messages(result, Diagnostic.Kind.ERROR);
    assertThat(errors)
        .as("internal errors")
        .noneMatch(message -> message.contains("[TrackInternalError]"));
    assertThat(inGenerated(result, Diagnostic.Kind.ERROR))
        .as("errors in generated code for%n%s", c.text())
        .isEmpty();

    if (c.expect == Corpus.Expect.DIAGNOSTIC) {
      assertThat(errors).as("a [Track...] diagnostic for%n%s", c.text()).anyMatch(m -> m.startsWith("[Track"));
      return;
    }
    assertThat(errors).as("errors for%n%s", c.text()).isEmpty();
    if (warningsOnlyInGenerated(result)) {
      assertThat(warningsInGenerated(result))
          .as("warnings in generated code, where the interface itself has none, for%n%s", c.text())
          .isEmpty();
    }
    exercise(c, result.classes);
  }

  @Test
  void theCorpusCoversBothOutcomes() {
    long diagnostics = CASES.stream().filter(c -> c.expect == Corpus.Expect.DIAGNOSTIC).count();
    assertThat(diagnostics).isGreaterThanOrEqualTo(4);
    assertThat(CASES.size() - diagnostics).isGreaterThanOrEqualTo(RANDOM_CASES);
  }

  // ---------------------------------------------------------------------------------------------
  // Calling a wrapper.

  /**
   * Wraps a recording implementation and calls every method of the interface twice: once
   * returning, once throwing. Each call must reach the implementation with the same arguments and
   * come back with its very result or exception, and every span that starts must end.
   */
  private static void exercise(Corpus.Case c, ClassLoader loader) throws Throwable {
    Class<?> iface = Class.forName(binaryName(c.iface, c.packageName), true, loader);
    Class<?> traced = Class.forName(c.traced, true, loader);
    Recorder recorder = new Recorder();
    Object delegate = Proxy.newProxyInstance(loader, new Class<?>[] {iface}, recorder);
    Object wrapper = traced.getMethod("wrap", iface).invoke(null, delegate);
    long spansBefore = sdk.ledger.started();

    int called = 0;
    for (Method method : iface.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Object[] arguments = argumentsFor(method);

      recorder.failure = null;
      Object returned = invoke(method, wrapper, arguments);
      assertThat(recorder.lastMethod).as("%s reached the implementation", method).isNotNull();
      assertThat(recorder.lastMethod.getName()).isEqualTo(method.getName());
      assertSameArguments(recorder.lastArguments, arguments, method);
      assertSameResult(returned, recorder.lastReturned, method);

      recorder.failure = new IllegalStateException("from " + method.getName());
      recorder.lastMethod = null;
      Throwable thrown = null;
      try {
        invoke(method, wrapper, arguments);
      } catch (Throwable t) {
        thrown = t;
      }
      assertThat(thrown).as("%s threw the implementation's exception", method).isSameAs(recorder.failure);
      assertThat(sdk.ledger.open()).as("spans of %s never ended", method).isZero();
      called++;
    }
    assertThat(called).isPositive();
    assertThat(sdk.ledger.started()).as("spans of tracked calls").isGreaterThan(spansBefore);
  }

  private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The implementation: records each call, then returns a fresh value or throws. */
  static final class Recorder implements InvocationHandler {
    Method lastMethod;
    Object[] lastArguments;
    Object lastReturned;
    List<Object> lastElements;
    Throwable failure;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      lastMethod = method;
      lastArguments = args == null ? new Object[0] : args;
      if (failure != null) {
        throw failure;
      }
      lastElements = List.of(new Object(), new Object());
      lastReturned = isTypeVariable(method.getGenericReturnType())
          ? null
          : valueFor(method.getReturnType(), lastElements);
      return lastReturned;
    }
  }

  private static void assertSameArguments(Object[] received, Object[] sent, Method method) {
    assertThat(received).as("arguments of %s", method).hasSameSizeAs(sent);
    for (int i = 0; i < sent.length; i++) {
      if (sent[i] != null && (sent[i].getClass().isPrimitive() || isBoxed(sent[i]))) {
        assertThat(received[i]).isEqualTo(sent[i]);
      } else {
        assertThat(received[i]).as("argument %s of %s", i, method).isSameAs(sent[i]);
      }
    }
  }

  private static void assertSameResult(Object returned, Object produced, Method method) {
    if (produced instanceof Iterator || produced instanceof Stream) {
      // Streamed results come back wrapped; what must be the same is every element.
      List<Object> read = new ArrayList<>();
      if (returned instanceof Iterator) {
        ((Iterator<?>) returned).forEachRemaining(read::add);
      } else {
        try (Stream<?> stream = (Stream<?>) returned) {
          stream.forEachOrdered(read::add);
        }
      }
      assertThat(read).as("elements of %s", method).hasSize(2);
      return;
    }
    if (produced != null && isBoxed(produced)) {
      assertThat(returned).as("result of %s", method).isEqualTo(produced);
    } else {
      assertThat(returned).as("result of %s", method).isSameAs(produced);
    }
  }

  private static boolean isBoxed(Object value) {
    return value instanceof Number || value instanceof Boolean || value instanceof Character;
  }

  /** A fresh value of (the erasure of) a result type; {@code null} where none is needed. */
  static Object valueFor(Class<?> type, List<Object> elements) {
    if (type == void.class) {
      return null;
    }
    if (type.isPrimitive()) {
      return primitive(type);
    }
    if (type.isArray()) {
      return Array.newInstance(type.getComponentType(), 1);
    }
    if (type == String.class || type == CharSequence.class || type == Comparable.class) {
      return new String("fresh");
    }
    if (type == Number.class) {
      return Integer.valueOf(100_000);
    }
    if (type == Object.class) {
      return new Object();
    }
    if (type == Iterator.class) {
      return elements.iterator();
    }
    if (type == Stream.class) {
      return elements.stream();
    }
    if (type == CompletableFuture.class || type == CompletionStage.class) {
      return CompletableFuture.completedFuture(new Object());
    }
    if (type.isAssignableFrom(ArrayList.class)) {
      return new ArrayList<>();
    }
    return null;
  }

  /**
   * Whether a declared type is a type variable (or an array of one). Its erasure, all reflection
   * sees, can be wider than what the wrapper casts to (a {@code T} of {@code Base<T>} inherited
   * by {@code Api<T extends Number>}), so such values are {@code null}, which passes every cast.
   */
  private static boolean isTypeVariable(Type type) {
    return type instanceof TypeVariable || type instanceof GenericArrayType;
  }

  static Object[] argumentsFor(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Type[] declared = method.getGenericParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> type = types[i];
      if (declared.length == types.length && isTypeVariable(declared[i])) {
        arguments[i] = null;
      } else if (type.isPrimitive()) {
        arguments[i] = primitive(type);
      } else if (type.isArray()) {
        arguments[i] = Array.newInstance(type.getComponentType(), 1);
      } else if (type == String.class || type == Comparable.class || type == CharSequence.class) {
        arguments[i] = new String("argument");
      } else if (type == Number.class) {
        arguments[i] = Integer.valueOf(200_000);
      } else if (type == Runnable.class) {
        arguments[i] = (Runnable) () -> {};
      } else if (type == Object.class) {
        arguments[i] = new Object();
      } else if (type.isAssignableFrom(ArrayList.class)) {
        arguments[i] = new ArrayList<>();
      } else if (type.isAssignableFrom(HashMap.class)) {
        arguments[i] = new HashMap<>();
      } else {
        arguments[i] = null; // an exception, a user type: null passes through as well
      }
    }
    return arguments;
  }

  private static Object primitive(Class<?> type) {
    if (type == boolean.class) {
      return true;
    } else if (type == char.class) {
      return '\uD83D';
    } else if (type == byte.class) {
      return (byte) -3;
    } else if (type == short.class) {
      return (short) -4;
    } else if (type == int.class) {
      return -5;
    } else if (type == long.class) {
      return Long.MIN_VALUE;
    } else if (type == float.class) {
      return Float.NaN;
    }
    return -0.0d;
  }

  // ---------------------------------------------------------------------------------------------
  // Compiling.

  private static Compilation compile(List<Corpus.Case> cases) {
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(JavaFileObjects.forSourceString(TypeMaker.ANNOTATION_SOURCE[0], TypeMaker.ANNOTATION_SOURCE[1]));
    for (Corpus.Case c : cases) {
      for (String[] source : c.sources) {
        sources.add(JavaFileObjects.forSourceString(source[0], source[1]));
      }
    }
    return Compiler.javac()
        .withProcessors(new TrackProcessor(), new TypeMaker())
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  private static void compileAlone(Corpus.Case c) {
    Result result = new Result();
    try {
      Compilation compilation = compile(List.of(c));
      result.diagnostics.addAll(compilation.diagnostics());
      if (compilation.status() == Compilation.Status.SUCCESS) {
        result.classes = loader(compilation);
      }
    } catch (RuntimeException | Error crash) {
      result.crash = crash;
    }
    RESULTS.put(c.name, result);
  }

  /** The diagnostics of a batch that belong to {@code c}: those in its package's files. */
  private static List<Diagnostic<? extends JavaFileObject>> diagnosticsOf(Corpus.Case c, Compilation compilation) {
    String folder = "/" + c.packageName.replace('.', '/') + "/";
    return compilation.diagnostics().stream()
        .filter(d -> d.getSource() == null || d.getSource().toUri().getPath().contains(folder))
        .collect(Collectors.toList());
  }

  private static List<String> messages(Result result, Diagnostic.Kind kind) {
    return result.diagnostics.stream()
        .filter(d -> d.getKind() == kind)
        .map(d -> d.getMessage(null))
        .collect(Collectors.toList());
  }

  private static List<String> inGenerated(Result result, Diagnostic.Kind kind) {
    return result.diagnostics.stream()
        .filter(d -> d.getKind() == kind && isGenerated(d))
        .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
        .collect(Collectors.toList());
  }

  /** Whether the interface's own sources compiled without a warning. */
  private static boolean warningsOnlyInGenerated(Result result) {
    return result.diagnostics.stream().filter(ProcessorCorpusTest::isWarning).allMatch(ProcessorCorpusTest::isGenerated);
  }

  private static List<String> warningsInGenerated(Result result) {
    return result.diagnostics.stream()
        .filter(d -> isWarning(d) && isGenerated(d))
        .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
        .collect(Collectors.toList());
  }

  private static boolean isWarning(Diagnostic<? extends JavaFileObject> d) {
    return d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING;
  }

  private static boolean isGenerated(Diagnostic<? extends JavaFileObject> d) {
    return d.getSource() != null && d.getSource().getName().contains("/Traced");
  }

  /** {@code corpus.c1.Holder.Mid.Api} to {@code corpus.c1.Holder$Mid$Api}. */
  private static String binaryName(String canonical, String packageName) {
    return packageName + "." + canonical.substring(packageName.length() + 1).replace('.', '$');
  }

  /** Defines the compiled classes in a loader of their own, on top of the test's class path. */
  private static ClassLoader loader(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length())
          .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(ProcessorCorpusTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
