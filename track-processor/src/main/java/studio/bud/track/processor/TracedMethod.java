package studio.bud.track.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One method of the generated class: either forwarded as is, or traced with its resolved span
 * name, settings and the parameters it records.
 */
final class TracedMethod {

  final ExecutableElement element;
  /**
   * The result and checked exceptions to declare, as members of the wrapped interface. They can
   * differ from {@code element}'s when the same method is inherited from unrelated interfaces
   * ({@code String get()} from one, {@code Object get() throws IOException} from another).
   */
  final TypeMirror returnType;
  final List<TypeMirror> thrownTypes;
  /** {@code null} for a method that is only forwarded. */
  final Tracking tracking;

  TracedMethod(
      ExecutableElement element,
      TypeMirror returnType,
      List<TypeMirror> thrownTypes,
      Tracking tracking) {
    this.element = element;
    this.returnType = returnType;
    this.thrownTypes = List.copyOf(thrownTypes);
    this.tracking = tracking;
  }

  boolean isTracked() {
    return tracking != null;
  }

  /** What a traced method records, fully resolved; the writer copies it into a descriptor. */
  static final class Tracking {
    final String spanName;
    final TrackSettings settings;
    /** Names of the recorded parameters, in declaration order, after the include and ignore lists. */
    final List<String> inputs;
    final ReturnKind kind;
    /** The static descriptor field, unique in the generated class. */
    final String fieldName;

    Tracking(
        String spanName,
        TrackSettings settings,
        List<String> inputs,
        ReturnKind kind,
        String fieldName) {
      this.spanName = spanName;
      this.settings = settings;
      this.inputs = List.copyOf(inputs);
      this.kind = kind;
      this.fieldName = fieldName;
    }
  }
}
