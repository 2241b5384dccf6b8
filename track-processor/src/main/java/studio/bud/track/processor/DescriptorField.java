package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The static descriptor field of a traced method: the runtime's {@code TrackedMethod}, built once
 * from the method's {@link SpanPlan}, so that a call does no string building and no lookups.
 */
final class DescriptorField {

  private static final ClassName TRACKED_METHOD =
      ClassName.get("studio.bud.track.runtime.internal", "TrackedMethod");
  private static final ClassName SPAN_KIND = ClassName.get("io.opentelemetry.api.trace", "SpanKind");
  private static final ClassName ATTRIBUTE_TYPE =
      ClassName.get("io.opentelemetry.api.common", "AttributeType");

  private DescriptorField() {}

  /** {@code private static final TrackedMethod ASK = TrackedMethod.named("Assistant.ask")...build();} */
  static FieldSpec of(SpanPlan span) {
    CompactCode init = new CompactCode().add("$T.named($S)", TRACKED_METHOD, span.spanName);
    init.add("$>$>");
    if (span.spanKind != null) {
      init.add("\n.kind($T.$L)", SPAN_KIND, span.spanKind);
    }
    if (span.tracerName != null) {
      init.add("\n.tracer($S)", span.tracerName);
    }
    if (span.type != null) {
      init.add("\n.type($S)", span.type);
    }
    for (Map.Entry<String, String> attribute : span.attributes.entrySet()) {
      init.add("\n.attribute($S, $S)", attribute.getKey(), attribute.getValue());
    }
    for (ArgumentAttribute argument : span.argumentAttributes) {
      init.add(
          "\n.argumentAttribute($S, $T.$L)", argument.key, ATTRIBUTE_TYPE, argument.form.attributeType);
    }
    if (!span.inputs.isEmpty()) {
      addStrings(init.add("\n.inputs("), span.inputs).add(")");
    }
    if (!span.captureOutput) {
      init.add("\n.noOutput()");
    } else if (!span.outputInclude.isEmpty()) {
      addStrings(init.add("\n.outputInclude("), span.outputInclude).add(")");
    }
    if (span.aggregator != null) {
      init.add("\n.aggregator(new $T())", span.aggregator);
    }
    if (span.adaptableResult != null) {
      init.add("\n.result($T.class)", span.adaptableResult);
    }
    init.add("\n.build()$<$<");
    return FieldSpec.builder(
            TRACKED_METHOD, span.fieldName, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(init.build())
        .build();
  }

  /** {@code "a", "b"}. */
  private static CompactCode addStrings(CompactCode code, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      code.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return code;
  }
}
