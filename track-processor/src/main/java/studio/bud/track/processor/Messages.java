package studio.bud.track.processor;

/**
 * Every diagnostic the processor reports, one constant each, with a stable {@code [Tag]} so that
 * users can search for it and tests can refer to it. Placeholders are {@link String#format}
 * arguments.
 */
final class Messages {

  private Messages() {}

  static final String NOT_AN_INTERFACE_METHOD =
      "[TrackNotInterface] @Track applies to interface methods; %s is %s."
          + " Move the method to an interface and wrap implementations with the generated Traced class.";

  static final String NOT_AN_INTERFACE =
      "[TrackNotInterface] @Track on a type applies to interfaces; %s is %s."
          + " Put @Track on an interface (or its methods) instead.";

  static final String STATIC_METHOD =
      "[TrackStaticMethod] @Track cannot trace static method %s: a wrapper only sees calls made"
          + " through an instance. Make it an abstract or default method, or remove @Track.";

  static final String PRIVATE_METHOD =
      "[TrackPrivateMethod] @Track cannot trace private method %s: a wrapper cannot override it."
          + " Make it an abstract or default method, or remove @Track.";

  static final String PRIVATE_INTERFACE =
      "[TrackPrivateInterface] %s is private, so the generated %s in its package cannot implement"
          + " it. Make the interface package-private or public.";

  static final String LOCAL_INTERFACE =
      "[TrackLocalInterface] %s is a local interface, which no generated class can implement."
          + " Move it out of the method body.";

  static final String SEALED_INTERFACE =
      "[TrackSealedInterface] %s is sealed, so the generated %s cannot implement it."
          + " Remove 'sealed' or permit no wrapper by removing @Track.";

  static final String UNKNOWN_PARAMETER =
      "[TrackUnknownParameter] %s names '%s', which is not a parameter of %s."
          + " Its parameters are: %s.";

  static final String UNKNOWN_PARAMETER_ANYWHERE =
      "[TrackUnknownParameter] %s names '%s', which is not a parameter of any method of %s.";

  static final String ATTRIBUTE_WITHOUT_EQUALS =
      "[TrackAttributeFormat] attributes entry \"%s\" has no '='. Write it as \"key=value\".";

  static final String ATTRIBUTE_EMPTY_KEY =
      "[TrackAttributeFormat] attributes entry \"%s\" has an empty key. Write it as \"key=value\".";

  static final String ATTRIBUTE_DUPLICATE_KEY =
      "[TrackAttributeDuplicate] attributes key '%s' is given more than once. Keep one entry per key.";

  static final String ATTRIBUTE_RESERVED_KEY =
      "[TrackAttributeReserved] attributes key '%s' is under the reserved prefix "
          + Names.RESERVED_PREFIX
          + ","
          + " which track sets itself. Choose another key.";

  static final String BLANK_NAME =
      "[TrackBlankName] @Track name is blank. Give a span name, or leave name out for"
          + " <Interface>.<method>.";

  static final String AGGREGATOR_ABSTRACT =
      "[TrackAggregator] generationsAggregator %s is abstract; generated code creates it with"
          + " 'new'. Name a concrete class.";

  static final String AGGREGATOR_NO_CONSTRUCTOR =
      "[TrackAggregator] generationsAggregator %s needs a public no-argument constructor (and must"
          + " be public or in package %s, and static if nested): generated code creates it with"
          + " 'new'.";

  static final String NAME_CLASH =
      "[TrackNameClash] cannot generate %s for %s: a type with that name already exists."
          + " Rename one of them.";

  static final String WRAP_CLASH =
      "[TrackWrapClash] %s has the signature of the static factory %s.wrap(%s) that the processor"
          + " generates, so the wrapper cannot declare both. Rename the method.";

  static final String OUTPUT_INCLUDE_NOT_MAP =
      "[TrackOutputIncludeIgnored] captureOutputInclude has no effect on %s: its result, %s,"
          + " can never be a Map.";

  static final String ARGUMENT_ATTRIBUTE_BLANK =
      "[TrackArgumentAttributeBlank] @Track.Attribute on parameter %s has a blank key."
          + " Give the attribute key, e.g. @Track.Attribute(\"gen_ai.request.model\").";

  static final String ARGUMENT_ATTRIBUTE_RESERVED =
      "[TrackArgumentAttributeReserved] @Track.Attribute key '%s' is under the reserved prefix "
          + Names.RESERVED_PREFIX
          + ", which track sets itself. Choose another key.";

  static final String ARGUMENT_ATTRIBUTE_DUPLICATE =
      "[TrackArgumentAttributeDuplicate] @Track.Attribute key '%s' is given to parameter %s"
          + " already; %s cannot set it too. Give each parameter its own key.";

  static final String ARGUMENT_ATTRIBUTE_UNTRACKED =
      "[TrackArgumentAttributeUntracked] @Track.Attribute on parameter %s of %s has no effect:"
          + " the method is not tracked. Put @Track on the method (or its interface), or remove"
          + " @Track.Attribute.";

  static final String UNRESOLVED_TYPE =
      "[TrackUnresolvedType] %s uses %s, which no round of this compilation has resolved, so no %s"
          + " was generated. Fix the type or the processor that should generate it.";

  static final String INHERITED_PREFIX = "[%s] ";

  static final String UNEXPECTED =
      "[TrackInternalError] track-processor failed on %s; no Traced class was generated."
          + " Please report this with the interface. %s";
}
