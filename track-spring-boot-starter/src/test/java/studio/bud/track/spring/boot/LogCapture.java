package studio.bud.track.spring.boot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what the starter and the runtime log. With no logging framework on the test class path,
 * Spring's Commons Logging and the runtime's {@link System.Logger} both write to {@code
 * java.util.logging}, so a handler on {@code studio.bud.track} sees both (WARN arrives as {@link
 * Level#WARNING}).
 */
final class LogCapture implements AutoCloseable {

  // A strong reference: java.util.logging keeps loggers only weakly.
  private final Logger logger = Logger.getLogger("studio.bud.track");
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    logger.addHandler(handler);
  }

  static LogCapture start() {
    return new LogCapture();
  }

  /** The messages logged at exactly {@code level}, in order. */
  List<String> messages(Level level) {
    return records.stream()
        .filter(record -> record.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }

  /** The messages at {@code level} that contain {@code text}. */
  List<String> messages(Level level, String text) {
    return messages(level).stream()
        .filter(message -> message.contains(text))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
