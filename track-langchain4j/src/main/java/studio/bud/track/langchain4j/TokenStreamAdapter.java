package studio.bud.track.langchain4j;

import dev.langchain4j.service.TokenStream;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/**
 * A streaming AI service's {@link TokenStream}, followed by the streaming rules of SPEC section 4:
 * the span stays open until {@code onCompleteResponse} or {@code onError}, counts the partial
 * responses, records their concatenated text as the output and the final response's GenAI
 * attributes, and is current while the caller's callbacks and the model's tools run. See {@link
 * TracedTokenStream} for exactly what each callback does. Found by the runtime through {@code
 * META-INF/services}; not for direct use.
 */
public final class TokenStreamAdapter implements ResultAdapter<TokenStream> {

  /** Called by {@link java.util.ServiceLoader}. */
  public TokenStreamAdapter() {}

  @Override
  public Class<?> resultType() {
    return TokenStream.class;
  }

  @Override
  public Kind kind() {
    return Kind.STREAM;
  }

  @Override
  public TokenStream adapt(TokenStream result, TracedResult traced) {
    return new TracedTokenStream(result, traced);
  }
}
