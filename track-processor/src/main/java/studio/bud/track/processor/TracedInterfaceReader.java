package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one interface into a {@link TracedInterface}: finds its methods (declared and
 * inherited), resolves which {@code @Track} applies to each, and validates everything the
 * processor rejects. It only collects {@link Problems}; it never writes.
 */
final class TracedInterfaceReader {

  private final Elements elements;
  private final Types types;
  /** Whether a type was compiled from source in this compilation, so it reports its own problems. */
  private final Predicate<TypeElement> isSource;

  private final TypeMirror completionStage;
  private final TypeMirror iterator;
  private final TypeMirror stream;
  private final TypeMirror publisher;
  private final TypeMirror map;

  TracedInterfaceReader(Elements elements, Types types, Predicate<TypeElement> isSource) {
    this.elements = elements;
    this.types = types;
    this.isSource = isSource;
    this.completionStage = erasure("java.util.concurrent.CompletionStage");
    this.iterator = erasure("java.util.Iterator");
    this.stream = erasure("java.util.stream.Stream");
    this.publisher = erasure("java.util.concurrent.Flow.Publisher");
    this.map = erasure("java.util.Map");
  }

  /** The name of the class generated for {@code iface}: {@code TracedOuter_Inner} for a nested one. */
  static ClassName tracedName(TypeElement iface) {
    ClassName name = ClassName.get(iface);
    return ClassName.get(name.packageName(), "Traced" + String.join("_", name.simpleNames()));
  }

  /** Whether {@code iface} carries {@code @Track} or declares or inherits a method that does. */
  boolean isTracked(TypeElement iface) {
    return isTracked(iface, new HashSet<>());
  }

  private boolean isTracked(TypeElement type, Set<TypeElement> visited) {
    if (!visited.add(type)) {
      return false;
    }
    if (TrackSettings.find(type) != null) {
      return true;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (TrackSettings.find(method) != null) {
        return true;
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      if (isTracked(asType(parent), visited)) {
        return true;
      }
    }
    return false;
  }

  /** The model of {@code iface}, or {@code null} when {@code problems} has errors. */
  TracedInterface read(TypeElement iface, Problems problems) {
    ClassName tracedName = tracedName(iface);
    checkInterface(iface, tracedName, problems);
    checkOwnMethods(iface, problems);

    Map<Element, TrackSettings> settingsCache = new HashMap<>();
    Set<TrackSettings> validated = new HashSet<>();
    Set<String> fieldNames = new HashSet<>();
    Map<ExecutableElement, List<ExecutableElement>> alsoInherited = new HashMap<>();
    List<ExecutableElement> methods = collectMethods(iface, alsoInherited);
    checkWrapClash(iface, tracedName, methods, problems);
    List<TracedMethod> result = new ArrayList<>();
    for (ExecutableElement method : methods) {
      List<ExecutableElement> sameMethod = new ArrayList<>();
      sameMethod.add(method);
      sameMethod.addAll(alsoInherited.getOrDefault(method, List.of()));
      TypeMirror returnType = mostSpecificReturnType(sameMethod, iface);
      List<TypeMirror> thrownTypes = commonThrownTypes(sameMethod, iface);
      TrackSettings settings = effectiveSettings(method, iface, settingsCache);
      if (settings == null) {
        result.add(new TracedMethod(method, returnType, thrownTypes, null));
        continue;
      }
      Problems target = problemsFor(settings, iface, problems);
      if (validated.add(settings)) {
        validateSettings(settings, iface, target);
        if (settings.annotated.getKind() != ElementKind.METHOD) {
          validateTypeLevelParameters(settings, iface, methods, settingsCache, target);
        }
      }
      ReturnKind kind = returnKind(returnType);
      List<String> inputs = inputs(method, settings, iface, target);
      if (!settings.captureOutputInclude.isEmpty()
          && settings.annotated == method
          && canNeverBeMap(returnType, kind)) {
        problems.warning(
            String.format(Messages.OUTPUT_INCLUDE_NOT_MAP, describe(method), returnType),
            settings.annotated,
            settings.mirror,
            settings.value("captureOutputInclude"));
      }
      String spanName = settings.name.isEmpty() ? defaultSpanName(method) : settings.name;
      String fieldName = uniqueFieldName(method, fieldNames);
      result.add(
          new TracedMethod(
              method,
              returnType,
              thrownTypes,
              new TracedMethod.Tracking(spanName, settings, inputs, kind, fieldName)));
    }
    return problems.hasErrors() ? null : new TracedInterface(iface, tracedName, result);
  }

  // ---------------------------------------------------------------------------------------------
  // The interface itself

  private void checkInterface(TypeElement iface, ClassName tracedName, Problems problems) {
    String name = iface.getQualifiedName().toString();
    if (iface.getNestingKind() == NestingKind.LOCAL) {
      problems.error(String.format(Messages.LOCAL_INTERFACE, iface.getSimpleName()), iface);
      return;
    }
    for (Element e = iface; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        problems.error(
            String.format(Messages.PRIVATE_INTERFACE, e == iface ? name : name + " (inside private " + e.getSimpleName() + ")", tracedName.simpleName()),
            iface);
        return;
      }
    }
    if (iface.getModifiers().contains(Modifier.SEALED)) {
      problems.error(String.format(Messages.SEALED_INTERFACE, name, tracedName.simpleName()), iface);
    }
    TypeElement existing = elements.getTypeElement(tracedName.canonicalName());
    if (existing != null && !isEarlierOutput(existing, iface)) {
      problems.error(String.format(Messages.NAME_CLASH, tracedName.canonicalName(), name), iface);
    }
  }

  /**
   * Whether {@code existing} is this processor's own output from an earlier build (found on the
   * class path in an incremental compile) rather than a user's type: a final class that
   * implements the interface directly and has a static {@code wrap} method.
   */
  private boolean isEarlierOutput(TypeElement existing, TypeElement iface) {
    if (existing.getKind() != ElementKind.CLASS
        || !existing.getModifiers().contains(Modifier.FINAL)
        || isSource.test(existing)) {
      return false;
    }
    boolean implementsIface = false;
    for (TypeMirror parent : existing.getInterfaces()) {
      implementsIface |= asType(parent).equals(iface);
    }
    boolean hasWrap = false;
    for (ExecutableElement method : ElementFilter.methodsIn(existing.getEnclosedElements())) {
      hasWrap |= method.getSimpleName().contentEquals("wrap")
          && method.getModifiers().contains(Modifier.STATIC);
    }
    return implementsIface && hasWrap;
  }

  /**
   * An instance method {@code wrap(I)} (declared or inherited) would clash with the generated
   * {@code static I wrap(I delegate)}: same name, same erasure.
   */
  private void checkWrapClash(
      TypeElement iface, ClassName tracedName, List<ExecutableElement> methods, Problems problems) {
    TypeMirror erasedIface = types.erasure(iface.asType());
    for (ExecutableElement method : methods) {
      if (!method.getSimpleName().contentEquals("wrap") || method.getParameters().size() != 1) {
        continue;
      }
      TypeMirror parameter = memberType(method, iface).getParameterTypes().get(0);
      if (types.isSameType(types.erasure(parameter), erasedIface)) {
        String message =
            String.format(
                Messages.WRAP_CLASH, describe(method), tracedName.simpleName(), iface.getSimpleName());
        problems.error(message, method.getEnclosingElement().equals(iface) ? method : iface);
      }
    }
  }

  /** {@code @Track} on a static or private method of the interface: nothing can wrap it. */
  private void checkOwnMethods(TypeElement iface, Problems problems) {
    for (ExecutableElement method : ElementFilter.methodsIn(iface.getEnclosedElements())) {
      if (TrackSettings.find(method) == null) {
        continue;
      }
      if (method.getModifiers().contains(Modifier.STATIC)) {
        problems.error(String.format(Messages.STATIC_METHOD, describe(method)), method);
      } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
        problems.error(String.format(Messages.PRIVATE_METHOD, describe(method)), method);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Methods and their settings

  /**
   * Every abstract and default method of {@code iface}, declared first in source order, then
   * inherited ones interface by interface, each signature once (the most specific declaration).
   * {@code alsoInherited} receives, for a collected method, the methods with the same signature
   * inherited from unrelated interfaces ({@code C extends A, B} with {@code A.get()} and
   * {@code B.get()}), which the one generated method implements too.
   */
  private List<ExecutableElement> collectMethods(
      TypeElement iface, Map<ExecutableElement, List<ExecutableElement>> alsoInherited) {
    List<ExecutableElement> collected = new ArrayList<>();
    collectMethods(iface, iface, collected, alsoInherited, new HashSet<>());
    return collected;
  }

  private void collectMethods(
      TypeElement type,
      TypeElement iface,
      List<ExecutableElement> collected,
      Map<ExecutableElement, List<ExecutableElement>> alsoInherited,
      Set<TypeElement> visited) {
    if (!visited.add(type)) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
        continue;
      }
      int index = indexOfSameSignature(method, collected, iface);
      if (index < 0) {
        collected.add(method);
        continue;
      }
      ExecutableElement other = collected.get(index);
      if (elements.overrides(method, other, iface)) {
        // Reached through a later path (C extends A, D with D extends A): the override is the
        // more specific declaration, with its own @Track and possibly a narrower signature.
        collected.set(index, method);
        List<ExecutableElement> moved = alsoInherited.remove(other);
        if (moved != null) {
          alsoInherited.put(method, moved);
        }
      } else if (!elements.overrides(other, method, iface)) {
        alsoInherited.computeIfAbsent(other, key -> new ArrayList<>()).add(method);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collectMethods(asType(parent), iface, collected, alsoInherited, visited);
    }
  }

  private int indexOfSameSignature(
      ExecutableElement method, List<ExecutableElement> collected, TypeElement iface) {
    DeclaredType ifaceType = (DeclaredType) iface.asType();
    for (int i = 0; i < collected.size(); i++) {
      ExecutableElement other = collected.get(i);
      if (!other.getSimpleName().equals(method.getSimpleName())) {
        continue;
      }
      if (elements.overrides(other, method, iface)
          || elements.overrides(method, other, iface)
          || types.isSubsignature(
              (ExecutableType) types.asMemberOf(ifaceType, other),
              (ExecutableType) types.asMemberOf(ifaceType, method))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The result type one method implementing all of {@code sameMethod} must declare: the most
   * specific of theirs, as members of {@code iface} (javac has checked that one exists).
   */
  private TypeMirror mostSpecificReturnType(List<ExecutableElement> sameMethod, TypeElement iface) {
    TypeMirror result = null;
    for (ExecutableElement method : sameMethod) {
      TypeMirror candidate = memberType(method, iface).getReturnType();
      if (result == null
          || (!types.isSameType(candidate, result) && types.isSubtype(candidate, result))) {
        result = candidate;
      }
    }
    return result;
  }

  /**
   * The checked exceptions one method implementing all of {@code sameMethod} may declare: those
   * that every one of them allows (as javac computes for a call through {@code iface}).
   */
  private List<TypeMirror> commonThrownTypes(List<ExecutableElement> sameMethod, TypeElement iface) {
    List<List<? extends TypeMirror>> thrownByEach = new ArrayList<>();
    for (ExecutableElement method : sameMethod) {
      thrownByEach.add(memberType(method, iface).getThrownTypes());
    }
    List<TypeMirror> common = new ArrayList<>();
    for (List<? extends TypeMirror> thrown : thrownByEach) {
      for (TypeMirror candidate : thrown) {
        if (isAllowedByAll(candidate, thrownByEach) && !containsSameType(common, candidate)) {
          common.add(candidate);
        }
      }
    }
    return common;
  }

  private boolean isAllowedByAll(TypeMirror exception, List<List<? extends TypeMirror>> thrownByEach) {
    for (List<? extends TypeMirror> thrown : thrownByEach) {
      boolean allowed = false;
      for (TypeMirror declared : thrown) {
        allowed |= types.isSubtype(exception, declared);
      }
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private boolean containsSameType(List<TypeMirror> list, TypeMirror type) {
    for (TypeMirror element : list) {
      if (types.isSameType(element, type)) {
        return true;
      }
    }
    return false;
  }

  private ExecutableType memberType(ExecutableElement method, TypeElement iface) {
    return (ExecutableType) types.asMemberOf((DeclaredType) iface.asType(), method);
  }

  /**
   * The {@code @Track} that applies to {@code method}: its own, else one on a method it overrides,
   * else the declaring interface's, else the wrapped interface's; {@code null} when none does.
   */
  private TrackSettings effectiveSettings(
      ExecutableElement method, TypeElement iface, Map<Element, TrackSettings> cache) {
    TrackSettings own = settings(method, cache);
    if (own != null) {
      return own;
    }
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    TrackSettings inherited = fromOverridden(method, declaring, declaring, cache, new HashSet<>());
    if (inherited != null) {
      return inherited;
    }
    TrackSettings typeLevel = settings(declaring, cache);
    if (typeLevel != null) {
      return typeLevel;
    }
    return settings(iface, cache);
  }

  private TrackSettings fromOverridden(
      ExecutableElement method,
      TypeElement declaring,
      TypeElement type,
      Map<Element, TrackSettings> cache,
      Set<TypeElement> visited) {
    for (TypeMirror parentType : type.getInterfaces()) {
      TypeElement parent = asType(parentType);
      if (!visited.add(parent)) {
        continue;
      }
      for (ExecutableElement candidate : ElementFilter.methodsIn(parent.getEnclosedElements())) {
        if (candidate.getSimpleName().equals(method.getSimpleName())
            && elements.overrides(method, candidate, declaring)) {
          TrackSettings found = settings(candidate, cache);
          if (found != null) {
            return found;
          }
        }
      }
      TrackSettings deeper = fromOverridden(method, declaring, parent, cache, visited);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  private TrackSettings settings(Element element, Map<Element, TrackSettings> cache) {
    if (!cache.containsKey(element)) {
      cache.put(element, TrackSettings.of(element, elements));
    }
    return cache.get(element);
  }

  // ---------------------------------------------------------------------------------------------
  // Validation of the annotation values

  /**
   * Where problems of {@code settings} go: to {@code problems} when the annotation is on this
   * interface or comes from a class file; when it sits on another interface of this compilation,
   * that interface reports them itself, and here they only stop generation.
   */
  private Problems problemsFor(TrackSettings settings, TypeElement iface, Problems problems) {
    TypeElement owner = ownerType(settings.annotated);
    return owner.equals(iface) || !isSource.test(owner) ? problems : problems.silent();
  }

  /**
   * Reports {@code message} about {@code settings}: on the annotation (and its {@code valueName}
   * value) when it is in this compilation, else on {@code iface}, prefixed with where it is.
   */
  private void error(
      Problems problems, TrackSettings settings, TypeElement iface, String valueName, String message) {
    TypeElement owner = ownerType(settings.annotated);
    if (owner.equals(iface) || isSource.test(owner)) {
      problems.error(message, settings.annotated, settings.mirror, settings.value(valueName));
    } else {
      String where = settings.annotated instanceof ExecutableElement
          ? describe((ExecutableElement) settings.annotated)
          : owner.getQualifiedName().toString();
      problems.error(String.format(Messages.INHERITED_PREFIX, where) + message, iface);
    }
  }

  private void validateSettings(TrackSettings settings, TypeElement iface, Problems problems) {
    if (!settings.name.isEmpty() && settings.name.isBlank()) {
      error(problems, settings, iface, "name", Messages.BLANK_NAME);
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
      } else if (key.startsWith("bud.track.")) {
        message = String.format(Messages.ATTRIBUTE_RESERVED_KEY, key);
      } else if (!keys.add(key)) {
        message = String.format(Messages.ATTRIBUTE_DUPLICATE_KEY, key);
      }
      if (message != null) {
        error(problems, settings, iface, "attributes", message);
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
        error(problems, settings, iface, "generationsAggregator",
            String.format(Messages.AGGREGATOR_ABSTRACT, aggregator.getQualifiedName()));
      } else if (!isInstantiableFrom(aggregator, packageName)) {
        error(problems, settings, iface, "generationsAggregator",
            String.format(Messages.AGGREGATOR_NO_CONSTRUCTOR, aggregator.getQualifiedName(), packageName));
      }
    }
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

  /** For a type-level {@code @Track}: every name in its lists is a parameter of some method it tracks. */
  private void validateTypeLevelParameters(
      TrackSettings settings,
      TypeElement iface,
      List<ExecutableElement> methods,
      Map<Element, TrackSettings> cache,
      Problems problems) {
    Set<String> parameters = new HashSet<>();
    for (ExecutableElement method : methods) {
      if (effectiveSettings(method, iface, cache) == settings) {
        for (VariableElement parameter : method.getParameters()) {
          parameters.add(parameter.getSimpleName().toString());
        }
      }
    }
    for (String list : PARAMETER_LISTS) {
      for (String name : parameterList(settings, list)) {
        if (!parameters.contains(name)) {
          error(problems, settings, iface, list, String.format(
              Messages.UNKNOWN_PARAMETER_ANYWHERE, list, name, ownerType(settings.annotated).getSimpleName()));
        }
      }
    }
  }

  /**
   * The parameters {@code method} records. For a method-level {@code @Track} the lists must name
   * parameters of the annotated method; they select by position, so an overriding method that
   * renames its parameters still records the same arguments.
   */
  private List<String> inputs(
      ExecutableElement method, TrackSettings settings, TypeElement iface, Problems problems) {
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
          error(problems, settings, iface, list, String.format(
              Messages.UNKNOWN_PARAMETER, list, name, describe(annotated),
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

  private static final List<String> PARAMETER_LISTS = List.of("captureInputInclude", "ignoreArguments");

  private static List<String> parameterList(TrackSettings settings, String list) {
    return "captureInputInclude".equals(list) ? settings.captureInputInclude : settings.ignoreArguments;
  }

  private static boolean isRecorded(TrackSettings settings, String parameter) {
    return (settings.captureInputInclude.isEmpty() || settings.captureInputInclude.contains(parameter))
        && !settings.ignoreArguments.contains(parameter);
  }

  // ---------------------------------------------------------------------------------------------
  // Result types

  private ReturnKind returnKind(TypeMirror result) {
    if (result.getKind() == TypeKind.VOID) {
      return ReturnKind.VOID;
    }
    if (result.getKind().isPrimitive()) {
      return ReturnKind.PLAIN;
    }
    TypeMirror erased = types.erasure(result);
    if (types.isSubtype(erased, completionStage)) {
      return ReturnKind.ASYNC;
    }
    if (result.getKind() == TypeKind.DECLARED) {
      if (types.isSameType(erased, iterator)) {
        return ReturnKind.ITERATOR;
      }
      if (types.isSameType(erased, stream)) {
        return ReturnKind.STREAM;
      }
      if (types.isSameType(erased, publisher)) {
        return ReturnKind.PUBLISHER;
      }
    }
    return ReturnKind.PLAIN;
  }

  /** Whether the recorded output of a method with result {@code type} can never be a {@code Map}. */
  private boolean canNeverBeMap(TypeMirror type, ReturnKind kind) {
    switch (kind) {
      case VOID:
      case ITERATOR:
      case STREAM:
      case PUBLISHER:
        return true; // streamed output is one aggregated value, rendered as one attribute
      case ASYNC:
        TypeMirror value = completionValue(type);
        return value != null && canNeverBeMap(value, returnKind(value) == ReturnKind.VOID ? ReturnKind.VOID : ReturnKind.PLAIN);
      default:
        break;
    }
    if (type.getKind().isPrimitive() || type.getKind() == TypeKind.ARRAY) {
      return true;
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeMirror erased = types.erasure(type);
    if (types.isAssignable(erased, map) || types.isAssignable(map, erased)) {
      return false;
    }
    TypeElement element = asType(type);
    return element.getModifiers().contains(Modifier.FINAL)
        || element.getKind() == ElementKind.ENUM
        || element.getKind() == ElementKind.RECORD;
  }

  /** The {@code T} of a {@code CompletionStage<T>} result, when it can be read off. */
  private TypeMirror completionValue(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    for (TypeMirror candidate = type; candidate != null; ) {
      if (types.isSameType(types.erasure(candidate), completionStage)) {
        List<? extends TypeMirror> arguments = ((DeclaredType) candidate).getTypeArguments();
        return arguments.size() == 1 && arguments.get(0).getKind() == TypeKind.DECLARED ? arguments.get(0) : null;
      }
      TypeMirror next = null;
      for (TypeMirror parent : types.directSupertypes(candidate)) {
        if (types.isSubtype(types.erasure(parent), completionStage)) {
          next = parent;
        }
      }
      candidate = next;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  /** {@code Outer.Inner.method}: the declaring interface with its enclosing types. */
  private static String defaultSpanName(ExecutableElement method) {
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    return String.join(".", ClassName.get(declaring).simpleNames()) + "." + method.getSimpleName();
  }

  /** {@code ASK}, {@code ASK_2} for an overload, {@code STREAM_ANSWER} for {@code streamAnswer}. */
  private static String uniqueFieldName(ExecutableElement method, Set<String> taken) {
    String base = method.getSimpleName().toString()
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toUpperCase(Locale.ROOT);
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

  private static TypeElement ownerType(Element element) {
    Element e = element;
    while (!(e instanceof TypeElement)) {
      e = e.getEnclosingElement();
    }
    return (TypeElement) e;
  }

  private TypeElement asType(TypeMirror type) {
    return (TypeElement) ((DeclaredType) type).asElement();
  }

  private TypeMirror erasure(String className) {
    return types.erasure(elements.getTypeElement(className).asType());
  }

}
