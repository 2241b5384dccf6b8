package studio.bud.track.processor.hostile;

import studio.bud.track.Track;

/** The inner call of {@link Agent}'s tracked methods: its spans must be their children. */
public interface Tool {

  @Track
  String use(String token);
}
