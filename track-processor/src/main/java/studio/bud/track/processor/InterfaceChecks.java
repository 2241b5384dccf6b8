package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Where {@code @Track} may stand, and whether a wrapper can be generated for an interface at all:
 * the rules about elements, where {@link TrackValueChecks} has those about annotation values.
 */
final class InterfaceChecks {

  private final Elements elements;
  private final Types types;
  private final Predicate<TypeElement> isSource;

  InterfaceChecks(Elements elements, Types types, Predicate<TypeElement> isSource) {
    this.elements = elements;
    this.types = types;
    this.isSource = isSource;
  }

  /**
   * {@code @Track} outside an interface: on a type that is not one, or on a method of a class,
   * enum, record or annotation type. Reported on the annotation. Interfaces check their own
   * methods when read ({@link #checkOwnMethods}).
   */
  static void checkPlacement(Element annotated, Problems problems) {
    if (annotated instanceof TypeElement) {
      if (annotated.getKind() != ElementKind.INTERFACE) {
        problems.error(
            String.format(Messages.NOT_AN_INTERFACE, annotated.getSimpleName(), describeKind(annotated)),
            annotated,
            TrackSettings.find(annotated));
      }
      return;
    }
    Element owner = annotated.getEnclosingElement();
    if (owner.getKind() != ElementKind.INTERFACE) {
      problems.error(
          String.format(
              Messages.NOT_AN_INTERFACE_METHOD,
              owner.getSimpleName() + "." + annotated.getSimpleName(),
              describeKind(owner)),
          annotated,
          TrackSettings.find(annotated));
    }
  }

  /** A local, private or sealed interface, or a generated name that is taken. */
  void checkInterface(TypeElement iface, ClassName tracedName, Problems problems) {
    String name = iface.getQualifiedName().toString();
    if (iface.getNestingKind() == NestingKind.LOCAL) {
      problems.error(String.format(Messages.LOCAL_INTERFACE, iface.getSimpleName()), iface);
      return;
    }
    for (Element e = iface; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        String where = e == iface ? name : name + " (inside private " + e.getSimpleName() + ")";
        problems.error(
            String.format(Messages.PRIVATE_INTERFACE, where, tracedName.simpleName()), iface);
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
      implementsIface |= ((DeclaredType) parent).asElement().equals(iface);
    }
    boolean hasWrap = false;
    for (ExecutableElement method : ElementFilter.methodsIn(existing.getEnclosedElements())) {
      hasWrap |= method.getSimpleName().contentEquals("wrap")
          && method.getModifiers().contains(Modifier.STATIC);
    }
    return implementsIface && hasWrap;
  }

  /** {@code @Track} on a static or private method of the interface: nothing can wrap it. */
  void checkOwnMethods(TypeElement iface, Problems problems) {
    for (ExecutableElement method : ElementFilter.methodsIn(iface.getEnclosedElements())) {
      if (TrackSettings.find(method) == null) {
        continue;
      }
      if (method.getModifiers().contains(Modifier.STATIC)) {
        problems.error(String.format(Messages.STATIC_METHOD, Names.describe(method)), method);
      } else if (method.getModifiers().contains(Modifier.PRIVATE)) {
        problems.error(String.format(Messages.PRIVATE_METHOD, Names.describe(method)), method);
      }
    }
  }

  /**
   * An instance method {@code wrap(I)} (declared or inherited) would clash with the generated
   * {@code static I wrap(I delegate)}: same name, same erasure.
   */
  void checkWrapClash(
      TypeElement iface, ClassName tracedName, List<ExecutableElement> methods, Problems problems) {
    TypeMirror erasedIface = types.erasure(iface.asType());
    for (ExecutableElement method : methods) {
      if (!method.getSimpleName().contentEquals("wrap") || method.getParameters().size() != 1) {
        continue;
      }
      ExecutableType member = (ExecutableType) types.asMemberOf((DeclaredType) iface.asType(), method);
      if (types.isSameType(types.erasure(member.getParameterTypes().get(0)), erasedIface)) {
        String message =
            String.format(
                Messages.WRAP_CLASH,
                Names.describe(method),
                tracedName.simpleName(),
                iface.getSimpleName());
        problems.error(message, method.getEnclosingElement().equals(iface) ? method : iface);
      }
    }
  }

  private static String describeKind(Element element) {
    switch (element.getKind()) {
      case CLASS:
        return "a class";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      case INTERFACE:
        return "an interface";
      case RECORD:
        return "a record";
      default:
        return "a " + element.getKind().toString().toLowerCase(Locale.ROOT);
    }
  }
}
