// The module compiled without `requires static java.compiler`: so the wrapper carries no
// javax.annotation.processing.Generated, and Maven saw no file-name-based automatic module.
def generated = new File(basedir, 'target/generated-sources/annotations/com/example/jpms/TracedGreeter.java')
assert generated.isFile()
assert !generated.getText('UTF-8').contains('javax.annotation.processing') : generated.text

def log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.contains('filename-based automodules') : 'a track jar without Automatic-Module-Name'
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
return true
