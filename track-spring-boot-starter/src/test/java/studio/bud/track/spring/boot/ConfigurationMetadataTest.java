package studio.bud.track.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration metadata that IDEs complete {@code bud.*} properties from. */
class ConfigurationMetadataTest {

  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"(bud\\.[^\"]+)\"");

  @Test
  void metadataListsEveryBudProperty() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    for (URL url :
        Collections.list(
            getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        Matcher matcher = NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    }

    assertThat(names)
        .contains(
            "bud.base-url",
            "bud.api-key",
            "bud.otel.service-name",
            "bud.otel.enabled",
            "bud.otel.mode",
            "bud.otel.capture-content",
            "bud.track.wrap-beans",
            "bud.track.exclude");
  }
}
