package studio.bud.track.runtime;

/**
 * Rewrites recorded content before it is set on a span: to blank e-mail addresses, API keys or
 * other secrets that users pass in prompts, as LangSmith's {@code process_inputs} and Langfuse's
 * {@code mask} do. Installed process-wide with {@link Tracking#setMasker(Masker)}.
 *
 * <p>It sees every rendered input ({@code bud.track.input.<parameter>}) and output ({@code
 * bud.track.output}, each {@code bud.track.output.<key>} of a {@code Map} result, and the
 * aggregated output of a streamed result), already rendered and cut to the maximum attribute
 * length. It does not see {@code @Track.Attribute} values, static {@code attributes}, exception
 * messages or anything else on the span (switch content off with {@link
 * Tracking#setCaptureContent(boolean)} to drop exception messages too).
 *
 * <pre>{@code
 * Tracking.setMasker((key, rendered) -> EMAIL.matcher(rendered).replaceAll("<email>"));
 * }</pre>
 *
 * <p>It is called on the thread of the traced call (or of whoever completes a future or drains a
 * stream), so it must be thread-safe, and it should be fast.
 */
@FunctionalInterface
public interface Masker {

  /**
   * Returns what to record instead of {@code rendered}.
   *
   * @param key the attribute key, e.g. {@code bud.track.input.question} or {@code bud.track.output}
   * @param rendered the value as it would be recorded, never {@code null} (a {@code null} value
   *     arrives as the text {@code null})
   * @return the text to record (cut to the maximum attribute length if longer), or {@code null}
   *     to leave this attribute out. If the masker throws, the attribute is left out too, and the
   *     failure is logged like any failure inside tracing (the first one as a warning); the traced
   *     call never sees it.
   */
  String mask(String key, String rendered);
}
