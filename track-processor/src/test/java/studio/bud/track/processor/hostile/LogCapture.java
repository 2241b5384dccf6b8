package studio.bud.track.processor.hostile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures every record of logger {@code studio.bud.track}, where the runtime reports its own
 * failures ({@link System.Logger} goes to {@code java.util.logging} when no other backend is
 * installed), at every level while open, instead of printing them.
 */
final class LogCapture implements AutoCloseable {

  // A strong reference: java.util.logging keeps loggers only weakly.
  private final Logger logger = Logger.getLogger("studio.bud.track");
  private final Level previousLevel = logger.getLevel();
  private final boolean previousUseParentHandlers = logger.getUseParentHandlers();
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

  LogCapture() {
    handler.setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false); // captured, not printed: faults are expected here
    logger.addHandler(handler);
  }

  /** Records at {@code WARNING} or above: what a default logging setup shows. */
  List<LogRecord> warnings() {
    return records.stream()
        .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
        .collect(Collectors.toList());
  }

  /** Every record, any level. */
  List<LogRecord> all() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previousLevel);
    logger.setUseParentHandlers(previousUseParentHandlers);
  }
}
