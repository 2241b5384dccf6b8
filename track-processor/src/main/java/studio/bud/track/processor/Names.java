package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** The names the processor derives: of the generated class, of spans and fields, in messages. */
final class Names {

  /** Attribute keys under this prefix are set by track itself; users may not set them. */
  static final String RESERVED_PREFIX = "bud.track.";

  /** The tracer (instrumentation scope) name that {@code @Track.tracerName} defaults to. */
  static final String DEFAULT_TRACER = "bud";

  /** Where a word of a camel-case name starts: {@code kA} in {@code streamAnswer}. */
  private static final Pattern WORD_START = Pattern.compile("([a-z0-9])([A-Z])");

  private Names() {}

  /** The name of the class generated for {@code iface}: {@code TracedOuter_Inner} for a nested one. */
  static ClassName tracedName(TypeElement iface) {
    ClassName name = ClassName.get(iface);
    return ClassName.get(name.packageName(), "Traced" + String.join("_", name.simpleNames()));
  }

  /** {@code Outer.Inner.method}: the declaring interface with its enclosing types. */
  static String defaultSpanName(ExecutableElement method) {
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    return String.join(".", ClassName.get(declaring).simpleNames()) + "." + method.getSimpleName();
  }

  /** {@code ASK}, {@code ASK_2} for an overload, {@code STREAM_ANSWER} for {@code streamAnswer}. */
  static String uniqueFieldName(ExecutableElement method, Set<String> taken) {
    String base =
        WORD_START.matcher(method.getSimpleName().toString()).replaceAll("$1_$2").toUpperCase(Locale.ROOT);
    String name = base;
    for (int i = 2; !taken.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }

  /** {@code Assistant.ask(String, int)}, as in diagnostics. */
  static String describe(ExecutableElement method) {
    List<String> parameterTypes = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameterTypes.add(simpleTypeName(parameter.asType()));
    }
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName()
        + "(" + String.join(", ", parameterTypes) + ")";
  }

  private static String simpleTypeName(TypeMirror type) {
    String name = type.toString().replaceAll("@\\S+\\s+", "");
    return name.replaceAll("(\\w+\\.)+(\\w+)", "$2");
  }

  /** The type that declares {@code element}, or {@code element} itself when it is a type. */
  static TypeElement ownerType(Element element) {
    Element e = element;
    while (!(e instanceof TypeElement)) {
      e = e.getEnclosingElement();
    }
    return (TypeElement) e;
  }
}
