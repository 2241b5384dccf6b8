package studio.bud.track.packaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.lang.model.SourceVersion;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What {@code mvn deploy} would publish, checked after {@code package}: every library module's
 * jar, sources jar and Javadoc jar as they lie in its {@code target} folder, and every POM as it
 * is in the repository (Maven deploys the POM files as written, with their parent).
 *
 * <p>The library modules are found, not listed: every module of the root POM that is a jar and
 * does not set {@code maven.deploy.skip}. So a new module is checked (and must be in the BOM) as
 * soon as it is added.
 */
final class PublishedArtifactsTest {

  private static final Path ROOT =
      Path.of(System.getProperty("track.root", "..")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("track.version", "0.1.0-SNAPSHOT");

  /** The modules that are built but never deployed. */
  private static final List<String> NOT_DEPLOYED =
      List.of("track-examples", "track-benchmarks", "track-packaging-check");

  @Test
  void theRepositoryHasTheApacheLicenceAtItsRoot() throws IOException {
    String licence = Files.readString(ROOT.resolve("LICENSE"), UTF_8);

    assertThat(licence)
        .contains("Apache License", "Version 2.0, January 2004")
        .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
        .contains("END OF TERMS AND CONDITIONS")
        .contains("APPENDIX: How to apply the Apache License to your work.");
  }

  @Test
  void theLibraryModulesAreTheAnnotationsTheRuntimeAndTheProcessorAtLeast() {
    assertThat(libraryModules())
        .extracting(Module::artifactId)
        .contains("track-annotations", "track-runtime", "track-processor")
        .doesNotContainAnyElementsOf(NOT_DEPLOYED);
  }

  @Test
  void examplesBenchmarksAndThisCheckAreNotDeployed() {
    Map<String, Module> modules =
        reactorModules().stream().collect(Collectors.toMap(Module::artifactId, m -> m));

    for (String name : NOT_DEPLOYED) {
      assertThat(modules).containsKey(name);
      assertThat(modules.get(name).property("maven.deploy.skip"))
          .as("maven.deploy.skip of %s", name)
          .contains("true");
      assertThat(modules.get(name).property("maven.source.skip")).contains("true");
      assertThat(modules.get(name).property("maven.javadoc.skip")).contains("true");
    }
  }

  @Test
  void theParentPomCarriesTheMetadataMavenCentralAsksFor() {
    Element parent = pom(ROOT.resolve("pom.xml"));

    assertCentralMetadata(parent);
    // Children inherit url and scm as they are: without these attributes Maven would append
    // each child's artifactId, giving addresses that do not exist.
    assertThat(parent.getAttribute("child.project.url.inherit.append.path")).isEqualTo("false");
    Element scm = child(parent, "scm").orElseThrow();
    assertThat(scm.getAttribute("child.scm.connection.inherit.append.path")).isEqualTo("false");
    assertThat(scm.getAttribute("child.scm.developerConnection.inherit.append.path"))
        .isEqualTo("false");
    assertThat(scm.getAttribute("child.scm.url.inherit.append.path")).isEqualTo("false");
  }

  @TestFactory
  Stream<DynamicTest> everyLibraryPomHasItsOwnNameAndDescriptionAndInheritsTheRest() {
    return libraryModules().stream()
        .map(
            module ->
                DynamicTest.dynamicTest(
                    module.artifactId(),
                    () -> {
                      Element pom = module.pom();
                      assertThat(text(pom, "name")).isEqualTo(module.artifactId());
                      assertThat(text(pom, "description")).isNotBlank();
                      Element parent = child(pom, "parent").orElseThrow();
                      assertThat(text(parent, "artifactId")).isEqualTo("track-parent");
                      assertThat(text(parent, "version")).isEqualTo(VERSION);
                    }));
  }

  @Test
  void theBomListsEveryLibraryModuleAtThisVersionAndNothingElse() {
    Element bom = pom(ROOT.resolve("track-bom/pom.xml"));

    assertThat(text(bom, "groupId")).isEqualTo("studio.bud");
    assertThat(text(bom, "artifactId")).isEqualTo("track-bom");
    assertThat(text(bom, "version")).isEqualTo(VERSION);
    assertThat(text(bom, "packaging")).isEqualTo("pom");
    // An imported BOM brings its parents' dependencyManagement too: it must have none.
    assertThat(child(bom, "parent")).isEmpty();
    Element managed = child(child(bom, "dependencyManagement").orElseThrow(), "dependencies")
        .orElseThrow();
    List<String> listed = new ArrayList<>();
    for (Element dependency : children(managed, "dependency")) {
      assertThat(text(dependency, "groupId")).isEqualTo("studio.bud");
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
      assertThat(child(dependency, "scope")).isEmpty();
      listed.add(text(dependency, "artifactId"));
    }
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            libraryModules().stream().map(Module::artifactId).collect(Collectors.toList()));
    assertThat(reactorModules()).extracting(Module::artifactId).contains("track-bom");
  }

  @Test
  void theBomRepeatsTheParentsMetadata() {
    Element bom = pom(ROOT.resolve("track-bom/pom.xml"));
    Element parent = pom(ROOT.resolve("pom.xml"));

    assertCentralMetadata(bom);
    for (String element : List.of("url", "inceptionYear", "organization", "licenses", "scm")) {
      assertThat(normalized(child(bom, element).orElseThrow()))
          .as(element)
          .isEqualTo(normalized(child(parent, element).orElseThrow()));
    }
    assertThat(normalized(child(bom, "developers").orElseThrow()))
        .isEqualTo(normalized(child(parent, "developers").orElseThrow()));
  }

  @TestFactory
  Stream<DynamicTest> everyLibraryJarHasTheLicenceAStableModuleNameAndNoTestClasses() {
    return libraryModules().stream()
        .map(
            module ->
                DynamicTest.dynamicTest(
                    module.artifactId(),
                    () -> {
                      try (JarFile jar = new JarFile(module.jar("").toFile())) {
                        assertLicence(jar);
                        Manifest manifest = jar.getManifest();
                        String moduleName =
                            manifest.getMainAttributes().getValue("Automatic-Module-Name");
                        assertThat(moduleName).isEqualTo(expectedModuleName(module.artifactId()));
                        assertThat(SourceVersion.isName(moduleName)).isTrue();
                        List<String> classes = classEntries(jar);
                        assertThat(classes).isNotEmpty();
                        assertThat(classes).noneMatch(name -> name.endsWith("Test.class"));
                        Path testClasses = module.directory().resolve("target/test-classes");
                        assertThat(classes)
                            .as("classes of %s that are test classes", module.artifactId())
                            .noneMatch(name -> Files.exists(testClasses.resolve(name)));
                        // An explicit descriptor, where there is one, has the same name.
                        ZipEntry descriptor = jar.getEntry("module-info.class");
                        if (descriptor != null) {
                          try (InputStream in = jar.getInputStream(descriptor)) {
                            assertThat(ModuleDescriptor.read(in).name()).isEqualTo(moduleName);
                          }
                        }
                      }
                    }));
  }

  @Test
  void noTwoLibraryJarsShareAPackage() throws IOException {
    // A package split over two jars stops a JPMS application that reads both.
    Map<String, String> owner = new HashMap<>();
    for (Module module : libraryModules()) {
      try (JarFile jar = new JarFile(module.jar("").toFile())) {
        for (String entry : classEntries(jar)) {
          String pkg = entry.substring(0, Math.max(0, entry.lastIndexOf('/')));
          String previous = owner.putIfAbsent(pkg, module.artifactId());
          assertThat(previous == null || previous.equals(module.artifactId()))
              .as("package %s is in %s and %s", pkg, previous, module.artifactId())
              .isTrue();
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyLibraryHasASourcesJarWithEverySource() {
    return libraryModules().stream()
        .map(
            module ->
                DynamicTest.dynamicTest(
                    module.artifactId(),
                    () -> {
                      List<String> topLevelClasses;
                      try (JarFile jar = new JarFile(module.jar("").toFile())) {
                        topLevelClasses =
                            classEntries(jar).stream()
                                .filter(name -> !name.contains("$"))
                                .collect(Collectors.toList());
                      }
                      try (JarFile sources = new JarFile(module.jar("-sources").toFile())) {
                        assertLicence(sources);
                        for (String type : topLevelClasses) {
                          String source = type.replaceAll("\\.class$", ".java");
                          assertThat(sources.getEntry(source)).as(source).isNotNull();
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyLibraryHasAJavadocJar() {
    return libraryModules().stream()
        .map(
            module ->
                DynamicTest.dynamicTest(
                    module.artifactId(),
                    () -> {
                      try (JarFile javadoc = new JarFile(module.jar("-javadoc").toFile())) {
                        assertLicence(javadoc);
                        assertThat(javadoc.getEntry("index.html")).isNotNull();
                        assertThat(javadoc.getEntry("element-list")).isNotNull();
                      }
                    }));
  }

  @Test
  void theRuntimeModuleBringsTheAnnotationsAndTheOpenTelemetryApiToItsReaders() throws IOException {
    // So that an application module needs `requires studio.bud.track.runtime;` and no more.
    ModuleDescriptor runtime = descriptor("track-runtime");
    Map<String, ModuleDescriptor.Requires> requires =
        runtime.requires().stream()
            .collect(Collectors.toMap(ModuleDescriptor.Requires::name, r -> r));
    for (String module : List.of("studio.bud.track", "io.opentelemetry.api", "io.opentelemetry.context")) {
      assertThat(requires).containsKey(module);
      assertThat(requires.get(module).modifiers())
          .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
    }
    // Everything else it uses is optional (static), as on the class path.
    assertThat(requires.values())
        .filteredOn(r -> !List.of("studio.bud.track", "io.opentelemetry.api", "io.opentelemetry.context", "java.base").contains(r.name()))
        .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
    // Every package of the jar is exported (the API, what generated code calls, the adapter
    // contract), so a package added to the runtime without its exports fails here.
    assertThat(runtime.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrderElementsOf(classPackages("track-runtime"))
        .contains(
            "studio.bud.track.runtime",
            "studio.bud.track.runtime.internal",
            "studio.bud.track.runtime.spi");
    // Result adapters are found with ServiceLoader, which a named module must declare.
    assertThat(runtime.uses()).containsExactly("studio.bud.track.runtime.spi.ResultAdapter");
    assertThat(descriptor("track-annotations").exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("studio.bud.track");
  }

  /** The packages that hold classes in the library jar of {@code artifactId}. */
  private static Set<String> classPackages(String artifactId) throws IOException {
    Module module =
        libraryModules().stream()
            .filter(m -> m.artifactId().equals(artifactId))
            .findFirst()
            .orElseThrow();
    try (JarFile jar = new JarFile(module.jar("").toFile())) {
      return jar.stream()
          .map(ZipEntry::getName)
          .filter(name -> name.endsWith(".class") && !name.equals("module-info.class"))
          .filter(name -> !name.startsWith("META-INF/"))
          .map(name -> name.substring(0, name.lastIndexOf('/')).replace('/', '.'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static ModuleDescriptor descriptor(String artifactId) throws IOException {
    Module module =
        libraryModules().stream()
            .filter(m -> m.artifactId().equals(artifactId))
            .findFirst()
            .orElseThrow();
    try (JarFile jar = new JarFile(module.jar("").toFile())) {
      ZipEntry entry = jar.getEntry("module-info.class");
      assertThat(entry).as("module-info.class in %s", jar.getName()).isNotNull();
      try (InputStream in = jar.getInputStream(entry)) {
        return ModuleDescriptor.read(in);
      }
    }
  }

  @Test
  void theProcessorJarRegistersTheProcessorAndDeclaresItIsolatingForGradle() throws IOException {
    Module processor =
        libraryModules().stream()
            .filter(m -> m.artifactId().equals("track-processor"))
            .findFirst()
            .orElseThrow();
    try (JarFile jar = new JarFile(processor.jar("").toFile())) {
      assertThat(entryText(jar, "META-INF/services/javax.annotation.processing.Processor").strip())
          .isEqualTo("studio.bud.track.processor.TrackProcessor");
      assertThat(entryText(jar, "META-INF/gradle/incremental.annotation.processors").strip())
          .isEqualTo("studio.bud.track.processor.TrackProcessor,isolating");
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The naming scheme of SPEC section 1: {@code studio.bud.track} for the annotations, {@code
   * studio.bud.track.<the artifactId after "track-", dashes as dots>} for every other module.
   */
  static String expectedModuleName(String artifactId) {
    if (artifactId.equals("track-annotations")) {
      return "studio.bud.track";
    }
    assertThat(artifactId).startsWith("track-");
    return "studio.bud.track." + artifactId.substring("track-".length()).replace('-', '.');
  }

  private static void assertCentralMetadata(Element pom) {
    assertThat(text(pom, "name")).isNotBlank();
    assertThat(text(pom, "description")).isNotBlank();
    assertThat(text(pom, "url")).startsWith("https://");
    List<Element> licences = children(child(pom, "licenses").orElseThrow(), "license");
    assertThat(licences).hasSize(1);
    assertThat(text(licences.get(0), "name")).isEqualTo("Apache-2.0");
    assertThat(text(licences.get(0), "url"))
        .isEqualTo("https://www.apache.org/licenses/LICENSE-2.0.txt");
    Element scm = child(pom, "scm").orElseThrow();
    assertThat(text(scm, "connection")).startsWith("scm:git:");
    assertThat(text(scm, "developerConnection")).startsWith("scm:git:");
    assertThat(text(scm, "url")).startsWith("https://");
    List<Element> developers = children(child(pom, "developers").orElseThrow(), "developer");
    assertThat(developers).isNotEmpty();
    for (Element developer : developers) {
      assertThat(text(developer, "name")).isNotBlank();
    }
  }

  private static void assertLicence(JarFile jar) throws IOException {
    assertThat(jar.getEntry("META-INF/LICENSE")).as("META-INF/LICENSE in %s", jar.getName()).isNotNull();
    assertThat(entryText(jar, "META-INF/LICENSE"))
        .isEqualTo(Files.readString(ROOT.resolve("LICENSE"), UTF_8));
  }

  /** The jar's classes, without the module descriptor (which belongs to no package). */
  private static List<String> classEntries(JarFile jar) {
    return jar.stream()
        .map(ZipEntry::getName)
        .filter(name -> name.endsWith(".class") && !name.equals("module-info.class"))
        .collect(Collectors.toList());
  }

  private static String entryText(JarFile jar, String name) throws IOException {
    ZipEntry entry = jar.getEntry(name);
    assertThat(entry).as("%s in %s", name, jar.getName()).isNotNull();
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  /** The modules of the root POM, in its order. */
  private static List<Module> reactorModules() {
    Element root = pom(ROOT.resolve("pom.xml"));
    return children(child(root, "modules").orElseThrow(), "module").stream()
        .map(module -> new Module(ROOT.resolve(module.getTextContent().strip())))
        .collect(Collectors.toList());
  }

  private static List<Module> libraryModules() {
    return reactorModules().stream()
        .filter(module -> module.packaging().equals("jar"))
        .filter(module -> !module.property("maven.deploy.skip").orElse("false").equals("true"))
        .collect(Collectors.toList());
  }

  /** One module folder of the reactor. */
  private record Module(Path directory) {

    Element pom() {
      return PublishedArtifactsTest.pom(directory.resolve("pom.xml"));
    }

    String artifactId() {
      return text(pom(), "artifactId");
    }

    String packaging() {
      return child(pom(), "packaging").map(e -> e.getTextContent().strip()).orElse("jar");
    }

    Optional<String> property(String name) {
      return child(pom(), "properties")
          .flatMap(properties -> child(properties, name))
          .map(e -> e.getTextContent().strip());
    }

    /** The packaged jar with {@code classifier} ("" for the main jar, else "-sources" ...). */
    Path jar(String classifier) {
      Path jar = directory.resolve("target/" + artifactId() + "-" + VERSION + classifier + ".jar");
      assertThat(jar).as("run `mvn verify`: %s is packaged before this check", jar).exists();
      return jar;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // XML

  private static Element pom(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      Document document = factory.newDocumentBuilder().parse(file.toFile());
      return document.getDocumentElement();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot parse " + file, e);
    }
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> matching = children(parent, name);
    assertThat(matching.size()).as("<%s> in <%s>", name, parent.getTagName()).isLessThanOrEqualTo(1);
    return matching.stream().findFirst();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> matching = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        matching.add(element);
      }
    }
    return matching;
  }

  private static String text(Element parent, String name) {
    return child(parent, name)
        .map(e -> e.getTextContent().strip())
        .orElseThrow(() -> new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">"));
  }

  /** An element's text content with runs of white space folded, for comparing two POMs. */
  private static String normalized(Element element) {
    return element.getTextContent().strip().replaceAll("\\s+", " ");
  }
}
