package studio.bud.track.processor;

/**
 * One {@code @Track.Attribute} parameter of a traced method: the key, the parameter it is read
 * from, and how the value becomes an attribute, decided here from the parameter's declared type
 * so that the runtime tests no types.
 */
final class ArgumentAttribute {

  /**
   * How an argument becomes an attribute: the OpenTelemetry {@code AttributeType} of its key and
   * the {@code TrackedMethod} setter that converts it. The setter is overloaded for each declared
   * type of its form (a {@code long} setter takes {@code long} and {@code Number}), so the
   * generated call is one name and javac picks the exact conversion.
   */
  enum Form {
    /** {@code byte}, {@code short}, {@code int}, {@code long} and their boxes. */
    LONG("LONG", "longAttribute"),
    /** {@code float}, {@code double} and their boxes. */
    DOUBLE("DOUBLE", "doubleAttribute"),
    /** {@code boolean}, {@code Boolean}. */
    BOOLEAN("BOOLEAN", "booleanAttribute"),
    /** A {@code CharSequence} or an enum, as its {@code toString()}. */
    STRING("STRING", "stringAttribute"),
    /** An array or {@code List} of the types of {@link #LONG}. */
    LONG_ARRAY("LONG_ARRAY", "longArrayAttribute"),
    /** An array or {@code List} of the types of {@link #DOUBLE}. */
    DOUBLE_ARRAY("DOUBLE_ARRAY", "doubleArrayAttribute"),
    /** An array or {@code List} of the types of {@link #BOOLEAN}. */
    BOOLEAN_ARRAY("BOOLEAN_ARRAY", "booleanArrayAttribute"),
    /** An array or {@code List} of the types of {@link #STRING}. */
    STRING_ARRAY("STRING_ARRAY", "stringArrayAttribute"),
    /** Anything else, rendered as {@code bud.track.input.*} renders it. */
    REPR("STRING", "reprAttribute");

    /** The constant of {@code io.opentelemetry.api.common.AttributeType} for the key. */
    final String attributeType;
    /** The {@code TrackedMethod} method that sets it on the span builder. */
    final String setter;

    Form(String attributeType, String setter) {
      this.attributeType = attributeType;
      this.setter = setter;
    }
  }

  final String key;
  /** The parameter's name as the interface declares it. */
  final String parameter;
  final Form form;

  ArgumentAttribute(String key, String parameter, Form form) {
    this.key = key;
    this.parameter = parameter;
    this.form = form;
  }
}
