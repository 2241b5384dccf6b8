package studio.bud.track.examples.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import studio.bud.track.runtime.Tracking;

/**
 * The application that {@link JavaAgentAttachTest} starts under the OpenTelemetry Java agent: it
 * calls {@code Tracking.configure()} as a user would, then makes one tracked call that fetches the
 * URL given as its argument with the JDK's {@link HttpClient}.
 *
 * <p>Exit status: 0 after a successful fetch, 2 when tracing did not get configured.
 */
public final class AgentChild {

  private AgentChild() {}

  /** Fetches {@code args[0]} inside a tracked call. */
  public static void main(String[] args) throws Exception {
    Tracking.configure();
    if (!Tracking.isConfigured()) {
      System.err.println("Tracking.configure() left tracing off");
      System.exit(2);
    }
    Fetcher fetcher = TracedFetcher.wrap(new HttpFetcher());
    System.out.println("fetched: " + fetcher.fetch(URI.create(args[0])));
    Tracking.shutdown();
    // The agent exports what is left when the JVM exits.
  }

  private static final class HttpFetcher implements Fetcher {
    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String fetch(URI uri) throws IOException, InterruptedException {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
      return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }
}
