package studio.bud.track.processor.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates unusual {@code @Track} interfaces as source text: combinations of generics and bounds
 * (including type variables named like the types generated code uses), arrays and varargs,
 * nested interfaces, member types that shadow the generated code's imports, type-use annotations,
 * inheritance, type- and method-level {@code @Track}, parameters named like the generated code's
 * own variables and fields, raw types, and types that another processor ({@link TypeMaker})
 * generates in the same build. Deterministic: the same seed gives the same corpus.
 */
final class Corpus {

  /** What the processor should make of a case. */
  enum Expect {
    /** A wrapper that compiles, loads and forwards every call. */
    WORKS,
    /** A {@code [Track...]} diagnostic from the processor, and no wrapper. */
    DIAGNOSTIC
  }

  /** One interface to compile, in its own package, with the files it needs. */
  static final class Case {
    final String name;
    final String packageName;
    /** Binary-ish source names ({@code pkg.Top}) to their text. */
    final List<String[]> sources;
    /** The interface's canonical name, and the generated class's binary name. */
    final String iface;
    final String traced;
    final Expect expect;

    Case(String name, String packageName, List<String[]> sources, String iface, String traced, Expect expect) {
      this.name = name;
      this.packageName = packageName;
      this.sources = sources;
      this.iface = iface;
      this.traced = traced;
      this.expect = expect;
    }

    @Override
    public String toString() {
      return name;
    }

    /** The whole source, for a failure message. */
    String text() {
      StringBuilder text = new StringBuilder();
      for (String[] source : sources) {
        text.append("// ").append(source[0]).append('\n').append(source[1]).append('\n');
      }
      return text.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The dimensions.

  /** Type parameters of the interface: text, and the name of the one methods use ("" for none). */
  static final String[][] TYPE_PARAMETERS = {
    {"", ""},
    {"<T>", "T"},
    {"<T extends Comparable<T>>", "T"},
    {"<T extends Number & Comparable<T>>", "T"},
    {"<K, T extends java.util.List<K>>", "T"},
    {"<Span>", "Span"},
    {"<Scope, Tracking>", "Tracking"},
    {"<TrackedMethod>", "TrackedMethod"},
    {"<Objects>", "Objects"},
  };

  /**
   * Member types of the interface, named like what the generated code refers to: they shadow
   * its imports (and {@code java.lang}) inside the generated class, which implements the
   * interface and so inherits them.
   */
  static final String[] MEMBER_TYPES = {
    "",
    "interface Span {}",
    "interface Scope {}",
    "final class Throwable extends RuntimeException { private static final long serialVersionUID = 1L; }",
    "interface Objects {}",
    "@interface Override {}",
    "@interface Generated {}",
    "interface Tracking {}",
    "interface TrackedMethod {}",
    "interface Traced%s {}",
  };

  /** Where the interface is declared. */
  enum Nesting {
    TOP, IN_CLASS, IN_INTERFACE, TWO_DEEP
  }

  /** Methods, given the type variable to use (a concrete type when the interface has none). */
  static final List<Function<String, String>> METHODS =
      List.of(
          t -> "String ask(String question, int maxTokens);",
          t -> t + " echo(" + t + " value);",
          t -> "<S extends " + t + "> S save(String key, S value);",
          t -> "<X extends Exception> void fail(X error) throws X;",
          t -> "int sum(int... values);",
          t -> t + "[] grid(" + t + "[][] rows, int[] widths, char[]... more);",
          t -> "<E> java.util.List<? extends E> wild(java.util.Map<? super E, ? extends java.util.List<E>> map);",
          t -> "java.util.concurrent.CompletableFuture<" + t + "> later(" + t + " value);",
          t -> "java.util.concurrent.CompletionStage<java.util.List<" + t + ">> stage();",
          t -> "java.util.Iterator<" + t + "> items(int count);",
          t -> "java.util.stream.Stream<" + t + "> stream(long limit);",
          t -> "java.util.concurrent.Flow.Publisher<" + t + "> publisher();",
          t -> "default String greet(String name) { return \"hi \" + name; }",
          t -> "@TypeUse String label(@TypeUse String @TypeUse [] names, java.util.List<@TypeUse " + t + "> values);",
          t -> "String clash(String delegate, String span, String scope, String result, String t);",
          t -> "String named(String NAMED, int Tracking, long studio, short io, byte java);",
          t -> "String first(String SECOND, String span_, String t_);",
          t -> "String second(String FIRST, String result2, String scope_1);",
          t -> "void run(Runnable delegate, Object... result) throws java.io.IOException, java.util.concurrent.TimeoutException;",
          t -> "double area(double width, double height);",
          t -> "char letter(char c, boolean flag, float f, short s, byte b);",
          t -> "String delegate();",
          t -> "String span(String span);",
          t -> "String toString();",
          t -> "int hashCode();",
          t -> "boolean equals(Object other);",
          t -> "String wrap(String delegate);",
          t -> "Object wrap(Object delegate, Object other);",
          t -> "String \u00e9t\u00e9(String \u00e0);",
          // Raw types, their own warnings suppressed where they are written: the wrapper must
          // raise none of its own ([rawtypes], [unchecked]) either.
          t -> "@SuppressWarnings(\"rawtypes\") java.util.Iterator rawItems(java.util.Iterator source);",
          t -> "@SuppressWarnings(\"rawtypes\") java.util.stream.Stream rawStream(java.util.stream.Stream source);",
          t -> "@SuppressWarnings(\"rawtypes\") java.util.concurrent.Flow.Publisher rawPublisher(java.util.concurrent.Flow.Publisher source);",
          t -> "@SuppressWarnings(\"rawtypes\") java.util.concurrent.CompletableFuture rawLater(java.util.concurrent.CompletableFuture source);",
          t -> "@SuppressWarnings(\"rawtypes\") java.util.concurrent.CompletionStage rawStage(java.util.List list, java.util.Map map);",
          t -> "@SuppressWarnings(\"rawtypes\") java.util.List rawList(java.util.List list, java.util.Map... maps);");

  /**
   * Methods whose signatures use the types {@link TypeMaker} generates in the same compilation
   * (the case gets the {@code @corpus.Make} class that asks for them).
   */
  static final List<String> GENERATED_TYPE_METHODS =
      List.of(
          "Person find(String id);",
          "java.util.List<Person> all(Kind kind);",
          "Box<Person> box(Person person, Box<? extends Person> other);",
          "java.util.concurrent.CompletableFuture<Person> later(Kind kind);",
          "java.util.concurrent.CompletionStage<Box<Kind>> stage();",
          "PersonFuture future(Person person);",
          "java.util.Iterator<Person> people(Kind... kinds);",
          "java.util.stream.Stream<Box<Person>> boxes();",
          "java.util.concurrent.Flow.Publisher<Person> published();",
          "Person[] many(Person... people);",
          "default Kind kind(Person person) { return Kind.ONE; }");

  /** How the interface is related to others. */
  enum Inheritance {
    NONE, GENERIC_BASE, DIAMOND, COVARIANT
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code count} random combinations, then the targeted cases. */
  static List<Case> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String[] typeParameters = TYPE_PARAMETERS[random.nextInt(TYPE_PARAMETERS.length)];
      String memberType = MEMBER_TYPES[random.nextInt(MEMBER_TYPES.length)];
      Nesting nesting = Nesting.values()[random.nextInt(Nesting.values().length)];
      Inheritance inheritance = Inheritance.values()[random.nextInt(Inheritance.values().length)];
      boolean typeLevel = random.nextInt(3) == 0;
      List<Integer> methods = new ArrayList<>();
      int methodCount = 1 + random.nextInt(6);
      while (methods.size() < methodCount) {
        int method = random.nextInt(METHODS.size());
        if (!methods.contains(method)) {
          methods.add(method);
        }
      }
      cases.add(
          build("c" + i, "", typeParameters, memberType, nesting, inheritance, typeLevel, methods, List.of()));
    }
    cases.addAll(targeted(count));
    return cases;
  }

  /**
   * Each trap alone, so a failure names it: every method with every member type, and the
   * interfaces the processor must reject.
   */
  private static List<Case> targeted(int offset) {
    List<Case> cases = new ArrayList<>();
    int n = offset;
    for (String memberType : MEMBER_TYPES) {
      List<Integer> all = new ArrayList<>();
      for (int m = 0; m < METHODS.size(); m++) {
        all.add(m);
      }
      cases.add(build("t" + n++, "", TYPE_PARAMETERS[1], memberType, Nesting.TOP, Inheritance.NONE, false, all, List.of()));
    }
    for (String[] typeParameters : TYPE_PARAMETERS) {
      cases.add(build("t" + n++, "", typeParameters, "", Nesting.TWO_DEEP, Inheritance.GENERIC_BASE, true, List.of(1, 2, 5, 14, 15), List.of()));
    }
    // An instance method with the signature of the generated static factory.
    cases.add(
        build("t" + n++, "", TYPE_PARAMETERS[0], "", Nesting.TOP, Inheritance.NONE, false, List.of(0),
            List.of("@Track %s wrap(%s delegate);")));
    cases.add(
        build("t" + n++, "", TYPE_PARAMETERS[1], "", Nesting.IN_CLASS, Inheritance.NONE, false, List.of(0),
            List.of("%s wrap(%s other);")));
    // Rejected: @Track on a static method; a reserved attribute key; an unknown parameter.
    cases.add(
        build("t" + n++, "", TYPE_PARAMETERS[0], "", Nesting.TOP, Inheritance.NONE, false, List.of(0),
            List.of("@Track static String helper(String x) { return x; }")));
    cases.add(
        build("t" + n++, "", TYPE_PARAMETERS[0], "", Nesting.TOP, Inheritance.NONE, false, List.of(),
            List.of("@Track(attributes = \"bud.track.type=x\") String reserved(String x);")));
    cases.add(
        build("t" + n++, "", TYPE_PARAMETERS[1], "", Nesting.IN_INTERFACE, Inheritance.NONE, false, List.of(),
            List.of("@Track(ignoreArguments = \"delegate2\") String ignored(String delegate);")));
    // Interfaces whose own warnings are deprecated or suppressed: the wrapper must not bring
    // them back, or a build with -Werror fails on code its author cannot edit.
    cases.add(
        build("t" + n++, "@Deprecated\n", TYPE_PARAMETERS[1], "", Nesting.TOP, Inheritance.NONE, false, List.of(0, 1), List.of()));
    cases.add(
        build("t" + n++, "", TYPE_PARAMETERS[0], "", Nesting.IN_CLASS, Inheritance.NONE, false, List.of(),
            List.of("@Deprecated @Track String old(String question);", "@Track String current(String question);")));
    cases.add(
        build("t" + n++, "@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n", TYPE_PARAMETERS[1], "", Nesting.TOP, Inheritance.NONE, false, List.of(),
            List.of("@Track <E> E pick(E... options);", "@Track java.util.List raw(java.util.Map map);")));
    // Types generated by another processor in the same build: each method alone, then all of
    // them, method- and type-level, nested and generic.
    for (String method : GENERATED_TYPE_METHODS) {
      cases.add(withGeneratedTypes(
          build("t" + n++, "", TYPE_PARAMETERS[0], "", Nesting.TOP, Inheritance.NONE, false, List.of(),
              List.of("@Track " + method))));
    }
    List<String> all = new ArrayList<>();
    for (String method : GENERATED_TYPE_METHODS) {
      all.add("@Track " + method);
    }
    cases.add(withGeneratedTypes(
        build("t" + n++, "", TYPE_PARAMETERS[1], "", Nesting.IN_CLASS, Inheritance.NONE, false, List.of(0, 1), all)));
    cases.add(withGeneratedTypes(
        build("t" + n++, "", TYPE_PARAMETERS[0], "", Nesting.TOP, Inheritance.GENERIC_BASE, true, List.of(),
            GENERATED_TYPE_METHODS)));
    return cases;
  }

  /**
   * One case. {@code extraMethods} are written as given ({@code %s} is the interface's type with
   * its type arguments); one the processor must reject makes it a {@code DIAGNOSTIC} case.
   */
  private static Case build(
      String name,
      String annotations,
      String[] typeParameters,
      String memberTypeTemplate,
      Nesting nesting,
      Inheritance inheritance,
      boolean typeLevel,
      List<Integer> methods,
      List<String> extraMethods) {
    String pkg = "corpus." + name;
    String simple = "Api";
    String t = typeParameters[1].isEmpty() ? "String" : typeParameters[1];
    List<String[]> sources = new ArrayList<>();
    sources.add(new String[] {pkg + ".TypeUse",
        "package " + pkg + ";\n"
            + "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)\n"
            + "public @interface TypeUse {}\n"});

    String outerPath;
    String open;
    String close;
    switch (nesting) {
      case IN_CLASS:
        outerPath = "Holder.";
        open = "public final class Holder {\n  private Holder() {}\n";
        close = "}\n";
        break;
      case IN_INTERFACE:
        outerPath = "Holder.";
        open = "public interface Holder {\n";
        close = "}\n";
        break;
      case TWO_DEEP:
        outerPath = "Holder.Mid.";
        open = "public class Holder {\n  public static class Mid {\n";
        close = "  }\n}\n";
        break;
      default:
        outerPath = "";
        open = "";
        close = "";
        break;
    }
    String tracedSimple = "Traced" + (outerPath + simple).replace('.', '_');
    String memberType = memberTypeTemplate.contains("%s")
        ? String.format(memberTypeTemplate, (outerPath + simple).replace('.', '_'))
        : memberTypeTemplate;

    String typeArguments = typeArguments(typeParameters[0]);
    String selfType = simple + typeArguments;
    StringBuilder body = new StringBuilder();
    if (!memberType.isEmpty()) {
      body.append("  ").append(memberType).append('\n');
    }
    for (int method : methods) {
      String text = METHODS.get(method).apply(t);
      body.append(typeLevel ? "  " : "  @Track ").append(text).append('\n');
    }
    for (String extra : extraMethods) {
      body.append("  ").append(extra.replace("%s", selfType)).append('\n');
    }

    String parents = "";
    switch (inheritance) {
      case GENERIC_BASE:
        sources.add(new String[] {pkg + ".Base",
            "package " + pkg + ";\nimport studio.bud.track.Track;\n"
                + "public interface Base<B> {\n"
                + "  @Track B base(B value, B... more);\n"
                + "  @Track(ignoreArguments = \"delegate\") default <U extends B> U narrow(U delegate) { return delegate; }\n"
                + "}\n"});
        parents = " extends Base<" + (typeParameters[1].isEmpty() ? "Integer" : t) + ">";
        break;
      case DIAMOND:
        sources.add(new String[] {pkg + ".Left",
            "package " + pkg + ";\nimport studio.bud.track.Track;\n"
                + "public interface Left {\n  @Track(name = \"left.both\") Object both(String span) throws java.io.IOException;\n}\n"});
        sources.add(new String[] {pkg + ".Right",
            "package " + pkg + ";\n"
                + "public interface Right {\n  CharSequence both(String scope) throws Exception;\n}\n"});
        parents = " extends Left, Right";
        body.append("  @Override String both(String result);\n");
        break;
      case COVARIANT:
        sources.add(new String[] {pkg + ".Supplier",
            "package " + pkg + ";\nimport studio.bud.track.Track;\n"
                + "public interface Supplier<R> {\n  @Track(type = \"tool\") R get();\n"
                + "  default Supplier<R> self() { return this; }\n}\n"});
        parents = " extends Supplier<java.util.List<String>>";
        body.append("  @Override java.util.ArrayList<String> get();\n");
        break;
      default:
        break;
    }

    String declaration =
        annotations
            + (typeLevel ? "@Track\n" : "")
            + (nesting == Nesting.TOP ? "public " : nesting == Nesting.IN_INTERFACE ? "" : "  public ")
            + "interface " + simple + typeParameters[0] + parents + " {\n"
            + body
            + "}\n";
    String topName = nesting == Nesting.TOP ? simple : "Holder";
    String text = "package " + pkg + ";\n"
        + "import studio.bud.track.Track;\n"
        + open + declaration + close;
    sources.add(new String[] {pkg + "." + topName, text});
    return new Case(
        name,
        pkg,
        sources,
        pkg + "." + outerPath + simple,
        pkg + "." + tracedSimple,
        extraMethods.stream().anyMatch(Corpus::isRejected) ? Expect.DIAGNOSTIC : Expect.WORKS);
  }

  /** {@code c} with the {@code @corpus.Make} class that has {@link TypeMaker} generate its types. */
  private static Case withGeneratedTypes(Case c) {
    List<String[]> sources = new ArrayList<>(c.sources);
    sources.add(new String[] {c.packageName + ".Seeds",
        "package " + c.packageName + ";\n@corpus.Make\nfinal class Seeds {\n  private Seeds() {}\n}\n"});
    return new Case(c.name, c.packageName, sources, c.iface, c.traced, c.expect);
  }

  /** Whether an extra method is one the processor must reject (or cannot wrap). */
  private static boolean isRejected(String method) {
    return method.contains(" wrap(") || method.contains("static ") || method.contains("bud.track.")
        || method.contains("delegate2");
  }

  /** {@code <K, T extends List<K>>} gives {@code <K, T>}. */
  static String typeArguments(String typeParameters) {
    if (typeParameters.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    boolean naming = true;
    for (char c : typeParameters.substring(1, typeParameters.length() - 1).toCharArray()) {
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        names.add(current.toString().trim());
        current.setLength(0);
        naming = true;
        continue;
      }
      if (depth == 0 && naming) {
        if (c == ' ' && current.length() > 0) {
          naming = false;
        } else if (c != ' ') {
          current.append(c);
        }
      }
    }
    names.add(current.toString().trim());
    return "<" + String.join(", ", names) + ">";
  }

  private Corpus() {}
}
