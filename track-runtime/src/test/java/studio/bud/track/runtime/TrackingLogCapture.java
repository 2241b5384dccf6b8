package studio.bud.track.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what the runtime logs. {@link System.Logger} goes to {@code java.util.logging} when no
 * other {@code LoggerFinder} is installed, so a handler on logger {@code studio.bud.track} sees
 * every record ({@code ERROR} arrives as {@link Level#SEVERE}).
 */
public final class TrackingLogCapture implements AutoCloseable {

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

  private final Level previousLevel = logger.getLevel();

  private TrackingLogCapture() {
    logger.setLevel(Level.ALL); // debug records too
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Starts capturing; {@link #close()} stops and restores the logger. */
  public static TrackingLogCapture start() {
    return new TrackingLogCapture();
  }

  /** Every record so far, in order. */
  public List<LogRecord> records() {
    return records;
  }

  /** The messages logged at exactly {@code level}, in order. */
  public List<String> messages(Level level) {
    return records.stream()
        .filter(record -> record.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
  }
}
