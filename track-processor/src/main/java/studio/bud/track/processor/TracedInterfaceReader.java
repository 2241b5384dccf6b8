package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one interface into a {@link TracedInterface}: finds its methods (declared and
 * inherited), resolves which {@code @Track} applies to each, and validates everything the
 * processor rejects. It only collects {@link Problems}; it never writes. Each concern has its
 * own class; {@link #read} is the order in which they run.
 */
final class TracedInterfaceReader {

  private final Elements elements;
  /** Whether a type was compiled from source in this compilation, so it reports its own problems. */
  private final Predicate<TypeElement> isSource;
  private final InterfaceChecks interfaceChecks;
  private final InheritedMethods inheritedMethods;
  private final TrackValueChecks valueChecks;
  private final ResultTypes resultTypes;
  private final Declarations declarations;
  private final ArgumentAttributes argumentAttributes;
  private final GeneratedMarker generatedMarker;
  /** The methods of each interface read this round. */
  private final Map<TypeElement, List<InheritedMethods.Merged>> mergedMethods = new HashMap<>();
  /**
   * Each {@code @Track} of this round, read once: a base interface's methods are met again in every
   * interface that extends it.
   */
  private final Map<Element, TrackSettings> trackSettings = new HashMap<>();

  TracedInterfaceReader(Elements elements, Types types, Predicate<TypeElement> isSource) {
    this.elements = elements;
    this.isSource = isSource;
    this.interfaceChecks = new InterfaceChecks(elements, types, isSource);
    this.inheritedMethods = new InheritedMethods(elements, types);
    this.valueChecks = new TrackValueChecks(elements);
    this.resultTypes = new ResultTypes(elements, types);
    this.declarations = new Declarations(elements, types);
    this.argumentAttributes = new ArgumentAttributes(elements, types);
    this.generatedMarker = new GeneratedMarker(elements);
  }

  /** The problem of {@code @Track.Attribute} on {@code parameter} of a method that is not tracked. */
  Problems checkArgumentAttributePlacement(Element parameter) {
    Problems problems = new Problems(Names.ownerType(parameter), isSource);
    ArgumentAttributes.checkTracked(parameter, elements, problems);
    return problems;
  }

  /** The problems of {@code @Track} on {@code annotated} where it cannot apply. */
  Problems checkPlacement(Element annotated) {
    Problems problems = new Problems(Names.ownerType(annotated), isSource);
    InterfaceChecks.checkPlacement(annotated, problems);
    return problems;
  }

  /**
   * The first type in {@code iface}'s signatures that javac has not resolved (yet), or {@code
   * null}: such an interface is read in a later round.
   */
  TypeMirror unresolvedType(TypeElement iface) {
    return UnresolvedTypes.in(iface, methodElements(merged(iface)), true);
  }

  /** As {@link #unresolvedType}, leaving out {@code generationsAggregator} classes. */
  TypeMirror unresolvedSignatureType(TypeElement iface) {
    return UnresolvedTypes.in(iface, methodElements(merged(iface)), false);
  }

  /** The model of {@code iface}, or {@code null} when {@code problems} has errors. */
  TracedInterface read(TypeElement iface, Problems problems) {
    ClassName tracedName = Names.tracedName(iface);
    interfaceChecks.checkInterface(iface, tracedName, problems);
    interfaceChecks.checkOwnMethods(iface, problems);
    List<InheritedMethods.Merged> merged = merged(iface);
    List<ExecutableElement> methods = methodElements(merged);
    interfaceChecks.checkWrapClash(iface, tracedName, methods, problems);

    EffectiveTrack effectiveTrack = new EffectiveTrack(elements, iface, trackSettings);
    Set<TrackSettings> checked = new HashSet<>();
    Set<String> fieldNames = new HashSet<>();
    List<SpanPlan> spans = new ArrayList<>();
    for (InheritedMethods.Merged method : merged) {
      TrackSettings settings = effectiveTrack.of(method.method);
      if (settings != null && checked.add(settings)) {
        checkValues(settings, iface, effectiveTrack, methods, problems);
      }
      spans.add(settings == null ? null : spanPlan(method, settings, iface, fieldNames, problems));
    }
    if (problems.hasErrors()) {
      return null;
    }
    List<WrapperMethod> wrapperMethods = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      wrapperMethods.add(new WrapperMethod(declarations.overriding(merged.get(i), iface), spans.get(i)));
    }
    return model(iface, tracedName, methods, wrapperMethods);
  }

  private void checkValues(
      TrackSettings settings,
      TypeElement iface,
      EffectiveTrack effectiveTrack,
      List<ExecutableElement> methods,
      Problems problems) {
    valueChecks.check(settings, iface, problems);
    if (settings.annotated.getKind() != ElementKind.METHOD) {
      valueChecks.checkTypeLevelParameters(
          settings, effectiveTrack.trackedBy(settings, methods), problems);
    }
  }

  private SpanPlan spanPlan(
      InheritedMethods.Merged method,
      TrackSettings settings,
      TypeElement iface,
      Set<String> fieldNames,
      Problems problems) {
    ReturnKind kind = resultTypes.kindOf(method.returnType);
    List<ArgumentAttribute> arguments = argumentAttributes.of(method.method, iface, problems);
    List<String> inputs = valueChecks.inputs(method.method, settings, problems);
    TrackValueChecks.checkOutputInclude(
        method.method,
        settings,
        method.returnType,
        () -> resultTypes.canNeverBeMap(method.returnType, kind),
        problems);
    if (problems.hasErrors()) {
      return null; // attributes and the rest may not parse; no model is built anyway
    }
    return new SpanPlan(
        settings.name.isEmpty() ? Names.defaultSpanName(method.method) : settings.name,
        settings.kind.equals("INTERNAL") ? null : settings.kind,
        settings.tracerName.equals(Names.DEFAULT_TRACER) ? null : settings.tracerName,
        settings.type.isEmpty() ? null : settings.type,
        TrackValueChecks.attributes(settings),
        arguments,
        inputs,
        settings.captureOutput,
        settings.captureOutputInclude,
        settings.aggregator == null ? null : ClassName.get(settings.aggregator),
        kind,
        ResultTypes.adaptableResult(method.returnType, kind),
        Names.uniqueFieldName(method.method, fieldNames));
  }

  private TracedInterface model(
      TypeElement iface,
      ClassName tracedName,
      List<ExecutableElement> methods,
      List<WrapperMethod> wrapperMethods) {
    List<TypeVariableName> typeVariables = new ArrayList<>();
    for (TypeParameterElement parameter : iface.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(parameter));
    }
    return new TracedInterface(
        iface,
        TypeName.get(iface.asType()),
        typeVariables,
        iface.getModifiers().contains(Modifier.PUBLIC),
        tracedName,
        declarations.hasMemberType(iface.asType(), tracedName.simpleName()),
        generatedMarker.isReadable(iface),
        WarningAnnotations.forClass(iface, methods),
        wrapperMethods);
  }

  /** {@code iface}'s methods, found once per round: checking for unresolved types needs them too. */
  private List<InheritedMethods.Merged> merged(TypeElement iface) {
    return mergedMethods.computeIfAbsent(iface, inheritedMethods::of);
  }

  private static List<ExecutableElement> methodElements(List<InheritedMethods.Merged> merged) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (InheritedMethods.Merged method : merged) {
      methods.add(method.method);
    }
    return methods;
  }
}
