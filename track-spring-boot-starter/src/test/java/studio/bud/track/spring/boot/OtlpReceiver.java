package studio.bud.track.spring.boot;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on the loopback interface: a JDK {@link HttpServer} that decodes
 * each export (gzip or not) and keeps it. Closing stops it.
 */
final class OtlpReceiver implements AutoCloseable {

  /** One export as received. */
  record Export(String path, Map<String, List<String>> headers, ExportTraceServiceRequest request) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> String.join(",", entry.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  private final BlockingQueue<Export> exports = new LinkedBlockingQueue<>();
  private final HttpServer server;

  private OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
              body = in.readAllBytes();
            }
          }
          exports.add(
              new Export(
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  ExportTraceServiceRequest.parseFrom(body)));
          // An empty 200 is a full success for OTLP/HTTP.
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  static OtlpReceiver start() throws IOException {
    return new OtlpReceiver();
  }

  /** The base URL to give as {@code bud.base-url}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Everything received so far. */
  BlockingQueue<Export> exports() {
    return exports;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
