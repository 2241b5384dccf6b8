package studio.bud.track.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "Five-minute guide" a build: each of its {@code ### N. `path`} headings is
 * followed by the whole content of that file, and {@code src/it/readme-guide} is exactly those
 * files (plus the invoker's own {@code invoker.properties} and {@code verify.groovy}).
 * maven-invoker-plugin builds that folder during {@code mvn verify}, on this Maven and on Maven
 * 3.9, as a user who pasted the guide would; so a README edit that breaks a user's build fails
 * either here (the copy differs) or there (the copy no longer builds or traces).
 *
 * <p>After an intended change of the guide, update the copy: each file under {@code
 * src/it/readme-guide} is the code block under its heading, verbatim.
 */
final class ReadmeGuideTest {

  private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static final Path README = MODULE.resolve("../README.md").normalize();
  private static final Path GUIDE_PROJECT = MODULE.resolve("src/it/readme-guide");

  /** {@code ### 1. `pom.xml`} and the first fenced block after it. */
  private static final Pattern FILE_SECTION =
      Pattern.compile("^### \\d+\\. `([^`]+)`[^\\n]*\\n.*?^```[a-z]*\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

  /** Files of the copy that are the invoker's, not the user's. */
  private static final List<String> INVOKER_FILES = List.of("invoker.properties", "verify.groovy");

  @Test
  void theGuideProjectIsExactlyTheFilesOfTheReadme() throws IOException {
    Map<String, String> readmeFiles = readmeFiles();
    assertThat(readmeFiles).containsKeys("pom.xml");
    assertThat(readmeFiles.keySet()).anyMatch(path -> path.startsWith("src/main/java/"));

    Map<String, String> copy = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(GUIDE_PROJECT)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String relative = GUIDE_PROJECT.relativize(file).toString().replace('\\', '/');
        if (!INVOKER_FILES.contains(relative)) {
          copy.put(relative, Files.readString(file, UTF_8));
        }
      }
    }

    assertThat(copy.keySet()).containsExactlyInAnyOrderElementsOf(readmeFiles.keySet());
    for (Map.Entry<String, String> file : readmeFiles.entrySet()) {
      assertThat(copy.get(file.getKey()))
          .as("src/it/readme-guide/%s against the README's block under `%s`", file.getKey(), file.getKey())
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void theGuideNamesTheVersionsThisBuildMakesAndTestsWith() throws IOException {
    String pom = readmeFiles().get("pom.xml");

    assertThat(pom)
        .contains("<track.version>" + System.getProperty("track.version") + "</track.version>");
    assertThat(pom)
        .contains(
            "<artifactId>opentelemetry-bom</artifactId>\n        <version>"
                + System.getProperty("opentelemetry.version")
                + "</version>");
  }

  @Test
  void theGuidesJavaFilesDeclareThePackageAndClassTheirPathSays() throws IOException {
    for (Map.Entry<String, String> file : readmeFiles().entrySet()) {
      if (!file.getKey().endsWith(".java")) {
        continue;
      }
      String path = file.getKey().substring("src/main/java/".length());
      String pkg = path.substring(0, path.lastIndexOf('/')).replace('/', '.');
      String type = path.substring(path.lastIndexOf('/') + 1, path.length() - ".java".length());
      assertThat(file.getValue()).startsWith("package " + pkg + ";\n");
      assertThat(file.getValue()).containsPattern("public (final )?(class|interface) " + type + " ");
    }
  }

  private static Map<String, String> readmeFiles() throws IOException {
    String readme = Files.readString(README, UTF_8);
    Map<String, String> files = new LinkedHashMap<>();
    Matcher section = FILE_SECTION.matcher(readme);
    while (section.find()) {
      assertThat(files.put(section.group(1), section.group(2)))
          .as("two README sections for %s", section.group(1))
          .isNull();
    }
    return files;
  }
}
