package studio.bud.track.processor.wrap;

/** No {@code @Track} anywhere, so the processor generates no wrapper. */
public interface Untracked {
  String plain(String value);
}
