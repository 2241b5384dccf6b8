package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The values of one {@code @Track} annotation, read from its mirror (the {@code Class} value
 * cannot be read reflectively at compile time), with the mirror and values kept so that
 * diagnostics can point at the exact token.
 */
final class TrackSettings {

  static final String ANNOTATION = "studio.bud.track.Track";
  static final String DEFAULT_AGGREGATOR = "studio.bud.track.Track.Aggregator";

  final Element annotated;
  final AnnotationMirror mirror;
  final String name;
  final String tracerName;
  final boolean captureInput;
  final List<String> captureInputInclude;
  final List<String> ignoreArguments;
  final boolean captureOutput;
  final List<String> captureOutputInclude;
  final String type;
  final List<String> attributes;
  /** The name of the {@code Track.Kind} constant: {@code INTERNAL}, {@code CLIENT}, ... */
  final String kind;
  /** The custom aggregator class, or {@code null} for the built-in rule. */
  final TypeElement aggregator;
  /** Whether {@code generationsAggregator} names a class javac could not resolve. */
  final boolean aggregatorUnresolved;

  /** Every element's value, explicit or default, by the element's name. */
  private final Map<String, AnnotationValue> values = new HashMap<>();

  private TrackSettings(Element annotated, AnnotationMirror mirror, Elements elements) {
    this.annotated = annotated;
    this.mirror = mirror;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
    }
    this.name = (String) value("name").getValue();
    this.tracerName = (String) value("tracerName").getValue();
    this.captureInput = (Boolean) value("captureInput").getValue();
    this.captureInputInclude = strings("captureInputInclude");
    this.ignoreArguments = strings("ignoreArguments");
    this.captureOutput = (Boolean) value("captureOutput").getValue();
    this.captureOutputInclude = strings("captureOutputInclude");
    this.type = (String) value("type").getValue();
    this.attributes = strings("attributes");
    Object kindValue = value("kind").getValue();
    // An enum constant comes as its VariableElement; anything else is javac's error value.
    this.kind =
        kindValue instanceof VariableElement
            ? ((VariableElement) kindValue).getSimpleName().toString()
            : "INTERNAL";
    Object aggregatorValue = value("generationsAggregator").getValue();
    // A class javac cannot resolve (a typo, or a type another processor has yet to generate)
    // comes as an error type, or from javac as the string "<error>".
    this.aggregatorUnresolved =
        !(aggregatorValue instanceof DeclaredType)
            || ((TypeMirror) aggregatorValue).getKind() == TypeKind.ERROR;
    TypeElement aggregatorType =
        aggregatorUnresolved ? null : (TypeElement) ((DeclaredType) aggregatorValue).asElement();
    this.aggregator =
        aggregatorType == null || aggregatorType.getQualifiedName().contentEquals(DEFAULT_AGGREGATOR)
            ? null
            : aggregatorType;
  }

  /** The {@code @Track} on {@code element}, or {@code null}. */
  static TrackSettings of(Element element, Elements elements) {
    AnnotationMirror mirror = find(element);
    return mirror == null ? null : new TrackSettings(element, mirror, elements);
  }

  static AnnotationMirror find(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(ANNOTATION)) {
        return mirror;
      }
    }
    return null;
  }

  /** The value of {@code element}, explicit or default, for pointing a diagnostic at it. */
  AnnotationValue value(String element) {
    AnnotationValue value = values.get(element);
    if (value == null) {
      throw new IllegalArgumentException("@Track has no element " + element);
    }
    return value;
  }

  private List<String> strings(String element) {
    @SuppressWarnings("unchecked") // the shape of a String[] annotation value
    List<? extends AnnotationValue> list = (List<? extends AnnotationValue>) value(element).getValue();
    List<String> result = new ArrayList<>(list.size());
    for (AnnotationValue item : list) {
      result.add((String) item.getValue());
    }
    return Collections.unmodifiableList(result);
  }
}
