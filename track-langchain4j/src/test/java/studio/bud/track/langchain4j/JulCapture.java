package studio.bud.track.langchain4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one logger writes: LangChain4j logs through SLF4J, which the tests bind to {@code
 * java.util.logging} (slf4j-jdk14), so its records arrive here as they would in any log.
 */
final class JulCapture implements AutoCloseable {

  // A strong reference: java.util.logging keeps loggers only weakly.
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final CountDownLatch first = new CountDownLatch(1);
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
          first.countDown();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  JulCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  List<LogRecord> records() {
    return records;
  }

  CountDownLatch firstRecord() {
    return first;
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
