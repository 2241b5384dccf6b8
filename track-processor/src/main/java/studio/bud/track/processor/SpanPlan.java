package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the span of one traced method records, fully resolved from its {@code @Track}; the
 * writer copies it into the method's static descriptor field.
 */
final class SpanPlan {

  final String spanName;
  /** The {@code SpanKind} constant's name, or {@code null} for {@code INTERNAL}, the default. */
  final String spanKind;
  /** {@code null} for the default tracer. */
  final String tracerName;
  /** {@code null} when {@code bud.track.type} is not set. */
  final String type;
  /** The static attributes, key to value, in the order written. */
  final Map<String, String> attributes;
  /**
   * The {@code @Track.Attribute} parameters, in parameter order; when there are any, the span is
   * started from a span builder that carries them.
   */
  final List<ArgumentAttribute> argumentAttributes;
  /** Names of the recorded parameters, in declaration order, after the include and ignore lists. */
  final List<String> inputs;
  final boolean captureOutput;
  /** When the result is a {@code Map}, only these keys (empty: all). */
  final List<String> outputInclude;
  /** The custom aggregator of streamed items, or {@code null} for the built-in rule. */
  final ClassName aggregator;
  final ReturnKind kind;
  /**
   * For a plain result of a declared class outside {@code java.*}, that class, which the runtime
   * matches against its {@code ResultAdapter}s; {@code null} otherwise.
   */
  final ClassName adaptableResult;
  /** The static descriptor field, unique in the generated class. */
  final String fieldName;

  SpanPlan(
      String spanName,
      String spanKind,
      String tracerName,
      String type,
      Map<String, String> attributes,
      List<ArgumentAttribute> argumentAttributes,
      List<String> inputs,
      boolean captureOutput,
      List<String> outputInclude,
      ClassName aggregator,
      ReturnKind kind,
      ClassName adaptableResult,
      String fieldName) {
    this.spanName = spanName;
    this.spanKind = spanKind;
    this.tracerName = tracerName;
    this.type = type;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    this.argumentAttributes = List.copyOf(argumentAttributes);
    this.inputs = List.copyOf(inputs);
    this.captureOutput = captureOutput;
    this.outputInclude = List.copyOf(outputInclude);
    this.aggregator = aggregator;
    this.kind = kind;
    this.adaptableResult = adaptableResult;
    this.fieldName = fieldName;
  }
}
