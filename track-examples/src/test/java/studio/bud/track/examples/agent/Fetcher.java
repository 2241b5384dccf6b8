package studio.bud.track.examples.agent;

import java.io.IOException;
import java.net.URI;
import studio.bud.track.Track;

/** A tracked call that makes an HTTP request, which the Java agent instruments. */
public interface Fetcher {
  @Track(type = "tool")
  String fetch(URI uri) throws IOException, InterruptedException;
}
