package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Validates the values of {@code @Track} annotations and resolves them for the model: the
 * parsed {@code attributes}, the recorded parameters. Problems go through {@link
 * Problems#error(TrackSettings, String, String)}, which decides where each is reported.
 */
final class TrackValueChecks {

  private static final List<String> PARAMETER_LISTS = List.of("captureInputInclude", "ignoreArguments");

  private final Elements elements;

  TrackValueChecks(Elements elements) {
    this.elements = elements;
  }

  /** The values of {@code settings} on their own: name, attributes, aggregator. */
  void check(TrackSettings settings, TypeElement iface, Problems problems) {
    if (!settings.name.isEmpty() && settings.name.isBlank()) {
      problems.error(settings, "name", Messages.BLANK_NAME);
    }
    Set<String> keys = new HashSet<>();
    for (String entry : settings.attributes) {
      int equals = entry.indexOf('=');
      String key = equals < 0 ? null : entry.substring(0, equals);
      String message = null;
      if (key == null) {
        message = String.format(Messages.ATTRIBUTE_WITHOUT_EQUALS, entry);
      } else if (key.isEmpty()) {
        message = String.format(Messages.ATTRIBUTE_EMPTY_KEY, entry);
      } else if (key.startsWith(Names.RESERVED_PREFIX)) {
        message = String.format(Messages.ATTRIBUTE_RESERVED_KEY, key);
      } else if (!keys.add(key)) {
        message = String.format(Messages.ATTRIBUTE_DUPLICATE_KEY, key);
      }
      if (message != null) {
        problems.error(settings, "attributes", message);
      }
    }
    if (settings.aggregatorUnresolved) {
      problems.block(); // javac reports the unknown class; a wrapper without it would be wrong
    }
    TypeElement aggregator = settings.aggregator;
    if (aggregator != null) {
      String packageName = elements.getPackageOf(iface).getQualifiedName().toString();
      if (aggregator.getKind() != ElementKind.CLASS
          || aggregator.getModifiers().contains(Modifier.ABSTRACT)) {
        problems.error(settings, "generationsAggregator",
            String.format(Messages.AGGREGATOR_ABSTRACT, aggregator.getQualifiedName()));
      } else if (!isInstantiableFrom(aggregator, packageName)) {
        problems.error(settings, "generationsAggregator",
            String.format(Messages.AGGREGATOR_NO_CONSTRUCTOR, aggregator.getQualifiedName(), packageName));
      }
    }
  }

  /** The {@code key=value} entries of already {@link #check checked} settings, in order. */
  static Map<String, String> attributes(TrackSettings settings) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String entry : settings.attributes) {
      int equals = entry.indexOf('=');
      attributes.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return attributes;
  }

  /** Whether generated code in {@code packageName} can write {@code new Aggregator()}. */
  private boolean isInstantiableFrom(TypeElement type, String packageName) {
    NestingKind nesting = type.getNestingKind();
    if (nesting == NestingKind.LOCAL
        || nesting == NestingKind.ANONYMOUS
        || (nesting == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC))) {
      return false;
    }
    boolean samePackage = elements.getPackageOf(type).getQualifiedName().contentEquals(packageName);
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE) || (!samePackage && !modifiers.contains(Modifier.PUBLIC))) {
        return false;
      }
    }
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty() && constructor.getModifiers().contains(Modifier.PUBLIC)) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a type-level {@code @Track}: every name in its lists is a parameter of some method it
   * tracks ({@code tracked}).
   */
  void checkTypeLevelParameters(
      TrackSettings settings, List<ExecutableElement> tracked, Problems problems) {
    Set<String> parameters = new HashSet<>();
    for (ExecutableElement method : tracked) {
      for (VariableElement parameter : method.getParameters()) {
        parameters.add(parameter.getSimpleName().toString());
      }
    }
    for (String list : PARAMETER_LISTS) {
      for (String name : parameterList(settings, list)) {
        if (!parameters.contains(name)) {
          problems.error(settings, list, String.format(
              Messages.UNKNOWN_PARAMETER_ANYWHERE, list, name,
              Names.ownerType(settings.annotated).getSimpleName()));
        }
      }
    }
  }

  /**
   * The parameters {@code method} records. For a method-level {@code @Track} the lists must name
   * parameters of the annotated method; they select by position, so an overriding method that
   * renames its parameters still records the same arguments.
   */
  List<String> inputs(ExecutableElement method, TrackSettings settings, Problems problems) {
    List<String> recorded = new ArrayList<>();
    List<? extends VariableElement> actual = method.getParameters();
    if (settings.annotated.getKind() != ElementKind.METHOD) {
      for (VariableElement parameter : actual) {
        String name = parameter.getSimpleName().toString();
        if (settings.captureInput && isRecorded(settings, name)) {
          recorded.add(name);
        }
      }
      return recorded;
    }
    ExecutableElement annotated = (ExecutableElement) settings.annotated;
    List<String> declaredNames = new ArrayList<>();
    for (VariableElement parameter : annotated.getParameters()) {
      declaredNames.add(parameter.getSimpleName().toString());
    }
    for (String list : PARAMETER_LISTS) {
      for (String name : parameterList(settings, list)) {
        if (!declaredNames.contains(name)) {
          problems.error(settings, list, String.format(
              Messages.UNKNOWN_PARAMETER, list, name, Names.describe(annotated),
              declaredNames.isEmpty() ? "(none)" : String.join(", ", declaredNames)));
        }
      }
    }
    for (int i = 0; i < declaredNames.size() && i < actual.size(); i++) {
      if (settings.captureInput && isRecorded(settings, declaredNames.get(i))) {
        recorded.add(actual.get(i).getSimpleName().toString());
      }
    }
    return recorded;
  }

  /**
   * A warning for {@code captureOutputInclude} on {@code method}'s own {@code @Track} when its
   * result can never be a {@code Map}.
   */
  static void checkOutputInclude(
      ExecutableElement method,
      TrackSettings settings,
      TypeMirror returnType,
      BooleanSupplier canNeverBeMap,
      Problems problems) {
    if (!settings.captureOutputInclude.isEmpty()
        && settings.annotated == method
        && canNeverBeMap.getAsBoolean()) {
      problems.warning(
          String.format(Messages.OUTPUT_INCLUDE_NOT_MAP, Names.describe(method), returnType),
          settings.annotated,
          settings.mirror,
          settings.value("captureOutputInclude"));
    }
  }

  private static List<String> parameterList(TrackSettings settings, String list) {
    return "captureInputInclude".equals(list) ? settings.captureInputInclude : settings.ignoreArguments;
  }

  private static boolean isRecorded(TrackSettings settings, String parameter) {
    return (settings.captureInputInclude.isEmpty() || settings.captureInputInclude.contains(parameter))
        && !settings.ignoreArguments.contains(parameter);
  }
}
