package studio.bud.track.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;

/**
 * Finds the generated {@code Traced*} wrapper of an interface for {@link Tracking#wrap(Class,
 * Object)}, once per interface: the result (a method handle to the wrapper's static {@code wrap},
 * or why there is none) is kept in a {@link ClassValue}, so a call does one map read and one method
 * handle invocation, never reflection.
 */
final class WrapperLookup {

  private static final MethodType ERASED = MethodType.methodType(Object.class, Object.class);

  private static final ClassValue<WrapperLookup> LOOKUPS =
      new ClassValue<>() {
        @Override
        protected WrapperLookup computeValue(Class<?> type) {
          return find(type);
        }
      };

  /** {@code Traced<I>.wrap} typed {@code (Object)Object}, or {@code null} with {@link #problem}. */
  private final MethodHandle wrap;

  private final String problem;

  private WrapperLookup(MethodHandle wrap, String problem) {
    this.wrap = wrap;
    this.problem = problem;
  }

  /** See {@link Tracking#wrap(Class, Object)}. */
  static <I> I wrap(Class<I> type, I delegate) {
    if (type == null) {
      throw new NullPointerException("type");
    }
    if (delegate == null) {
      throw new NullPointerException("delegate");
    }
    WrapperLookup lookup = LOOKUPS.get(type);
    if (lookup.wrap == null) {
      throw new IllegalArgumentException(lookup.problem);
    }
    Object wrapped;
    try {
      wrapped = (Object) lookup.wrap.invokeExact((Object) delegate);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      // The generated wrap method declares no checked exception.
      throw new IllegalStateException(impossible);
    }
    return type.cast(wrapped);
  }

  /**
   * The binary name of the wrapper of {@code type} by the naming rule of the processor: {@code
   * Traced<I>} in {@code I}'s package, the simple names of the enclosing types joined by {@code _}
   * for a nested interface ({@code Outer.Inner} becomes {@code TracedOuter_Inner}).
   */
  static String wrapperName(Class<?> type) {
    StringBuilder simpleNames = new StringBuilder(type.getSimpleName());
    for (Class<?> outer = type.getEnclosingClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      simpleNames.insert(0, '_').insert(0, outer.getSimpleName());
    }
    String packageName = type.getPackageName();
    return (packageName.isEmpty() ? "" : packageName + ".") + "Traced" + simpleNames;
  }

  private static WrapperLookup find(Class<?> type) {
    if (!type.isInterface() || type.isAnnotation()) {
      return failed(
          type.getName() + " is not an interface; Tracking.wrap takes the interface type");
    }
    if (type.isAnonymousClass() || type.isLocalClass() || type.isHidden()) {
      return failed(noWrapper(type, "a local or hidden interface has none"));
    }
    String name = wrapperName(type);
    Class<?> traced;
    try {
      traced = Class.forName(name, true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      return failed(noWrapper(type, name + " was not found in its class loader"));
    } catch (LinkageError e) {
      return failed(noWrapper(type, name + " could not be loaded: " + e));
    }
    if (!type.isAssignableFrom(traced) || traced.isInterface()) {
      return failed(noWrapper(type, name + " exists but does not implement it"));
    }
    try {
      MethodHandle wrap =
          lookupIn(traced).findStatic(traced, "wrap", MethodType.methodType(type, type));
      return new WrapperLookup(wrap.asType(ERASED), null);
    } catch (NoSuchMethodException e) {
      return failed(noWrapper(type, name + " has no static wrap(" + type.getSimpleName() + ")"));
    } catch (IllegalAccessException e) {
      return failed(
          "The generated wrapper "
              + name
              + " of "
              + type.getName()
              + " is not accessible to studio.bud.track.runtime ("
              + e.getMessage()
              + "); call "
              + name
              + ".wrap(delegate) directly, or open its package to studio.bud.track.runtime");
    }
  }

  /**
   * A public wrapper (of a public interface) through the public lookup; a package-private one (of a
   * package-private interface) through a lookup in its class, which works wherever its package is
   * open to this module (always on the class path).
   */
  private static MethodHandles.Lookup lookupIn(Class<?> traced) throws IllegalAccessException {
    if (Modifier.isPublic(traced.getModifiers())) {
      return MethodHandles.publicLookup();
    }
    WrapperLookup.class.getModule().addReads(traced.getModule());
    return MethodHandles.privateLookupIn(traced, MethodHandles.lookup());
  }

  private static String noWrapper(Class<?> type, String why) {
    return "No generated Traced wrapper for "
        + type.getName()
        + " ("
        + why
        + "). An interface gets one when it or one of its methods carries @Track and"
        + " studio.bud:track-processor is on the annotation processor path.";
  }

  private static WrapperLookup failed(String problem) {
    return new WrapperLookup(null, problem);
  }
}
