package studio.bud.track.processor;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.TypeName;

/**
 * Builds a {@link CodeBlock} from JavaPoet format strings, as {@link CodeBlock.Builder} does, but
 * with the text between types joined into as few pieces as the output allows. The generated
 * source is the same, character for character ({@code CompactCodeTest} compares the two).
 *
 * <p>Why: JavaPoet 1.13 emits each piece of a code block on its own, and each piece costs a
 * regular expression ({@code String.split("\\R")}, compiled again on every call), twice per file
 * (once to collect the imports, once to write). A wrapper method written as statements of small
 * pieces spent most of the processor's own time there. Here names ({@code $N}), literals ({@code
 * $L}) and strings ({@code $S}) without characters to escape go into the text directly; only types
 * ({@code $T}, which JavaPoet must see to import them) and indentation ({@code $>}, {@code $<})
 * start a new piece. A statement on one line needs no {@code $[ $]} (they only indent the lines
 * after its first); anything else is handed to JavaPoet as it is.
 */
final class CompactCode {

  private final CodeBlock.Builder block = CodeBlock.builder();
  /** Text not yet added to {@link #block}. */
  private final StringBuilder text = new StringBuilder();

  /** As {@link CodeBlock.Builder#add}, for {@code $T $N $L $S $$ $> $<} without indexes. */
  CompactCode add(String format, Object... args) {
    int arg = 0;
    for (int p = 0; p < format.length(); p++) {
      char c = format.charAt(p);
      if (c != '$') {
        text.append(c);
        continue;
      }
      char placeholder = format.charAt(++p);
      switch (placeholder) {
        case '$':
          text.append('$');
          break;
        case '>':
        case '<':
          flush();
          block.add("$" + placeholder);
          break;
        case 'T':
          flush();
          block.add("$T", type(args[arg++]));
          break;
        case 'N':
          text.append(name(args[arg++]));
          break;
        case 'L':
          literal(args[arg++]);
          break;
        case 'S':
          string(args[arg++]);
          break;
        default:
          throw new IllegalArgumentException("unsupported $" + placeholder + " in '" + format + "'");
      }
    }
    if (arg != args.length) {
      throw new IllegalArgumentException(
          "'" + format + "' uses " + arg + " of " + args.length + " arguments");
    }
    return this;
  }

  /** As {@link CodeBlock.Builder#addStatement}: {@code format}, then {@code ;} and a newline. */
  CompactCode addStatement(String format, Object... args) {
    if (isOneLine(format, args)) {
      return add(format, args).add(";\n");
    }
    flush();
    block.addStatement(format, args);
    return this;
  }

  /** As {@link CodeBlock.Builder#beginControlFlow}. */
  CompactCode beginControlFlow(String controlFlow, Object... args) {
    return add(controlFlow + " {\n$>", args);
  }

  /** As {@link CodeBlock.Builder#nextControlFlow}. */
  CompactCode nextControlFlow(String controlFlow, Object... args) {
    return add("$<} " + controlFlow + " {\n$>", args);
  }

  /** As {@link CodeBlock.Builder#endControlFlow()}. */
  CompactCode endControlFlow() {
    return add("$<}\n");
  }

  CodeBlock build() {
    flush();
    return block.build();
  }

  private void flush() {
    if (text.length() > 0) {
      block.add("$L", text.toString());
      text.setLength(0);
    }
  }

  private void literal(Object value) {
    if (value instanceof CodeBlock) {
      flush();
      block.add("$L", value);
    } else {
      text.append(value);
    }
  }

  private void string(Object value) {
    if (value instanceof String && isPlain((String) value)) {
      text.append('"').append((String) value).append('"');
    } else {
      flush();
      block.add("$S", value);
    }
  }

  /**
   * Whether a statement of {@code format} and {@code args} is one line of text and types, so that
   * JavaPoet's {@code $[ $]} around it change nothing.
   */
  private static boolean isOneLine(String format, Object[] args) {
    if (format.indexOf('\n') >= 0) {
      return false;
    }
    int arg = 0;
    for (int p = format.indexOf('$'); p >= 0; p = format.indexOf('$', p + 2)) {
      char placeholder = format.charAt(p + 1);
      if (placeholder == 'T' || placeholder == 'N') {
        arg++;
      } else if (placeholder == 'L' || placeholder == 'S') {
        Object value = args[arg++];
        boolean oneLine =
            placeholder == 'L'
                ? !(value instanceof CodeBlock) && String.valueOf(value).indexOf('\n') < 0
                : value instanceof String && isPlain((String) value);
        if (!oneLine) {
          return false;
        }
      } else if (placeholder != '$') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether JavaPoet writes {@code value} as {@code $S} by only putting it in double quotes: no
   * quote, backslash or control character to escape, and so no line break to split it at.
   */
  static boolean isPlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  private static TypeName type(Object type) {
    if (type instanceof TypeName) {
      return (TypeName) type;
    }
    if (type instanceof Class<?>) {
      return TypeName.get((Class<?>) type);
    }
    throw new IllegalArgumentException("expected a type for $T but was " + type);
  }

  private static String name(Object name) {
    if (name instanceof CharSequence) {
      return name.toString();
    }
    if (name instanceof ParameterSpec) {
      return ((ParameterSpec) name).name;
    }
    throw new IllegalArgumentException("expected a name for $N but was " + name);
  }
}
