/**
 * LangChain4j results of {@code @Track} methods (SPEC section 7): a streaming AI service's {@code
 * TokenStream} followed to its last callback, and the content and GenAI attributes (model, id,
 * token usage, finish reasons) of a {@code Result<T>} or {@code ChatResponse}. Adding {@code
 * studio.bud:track-langchain4j} as a dependency is all it takes: the runtime finds the adapters
 * through {@code META-INF/services}.
 */
package studio.bud.track.langchain4j;
