// The README's promise: pasted as they are, its three files build, and `mvn compile exec:java`
// prints the answers and, through the logging exporter, one span per traced call.
def log = new File(basedir, 'build.log').getText('UTF-8')
def lines = log.readLines().collect { it.replaceAll(/\u001B\[[0-9;]*m/, '') }

// Run by the Maven this invoker execution names (-V prints it at the top of the log).
assert lines.any { it.startsWith("Apache Maven ${expectedMavenVersion}") } : "not run by Maven ${expectedMavenVersion}"

assert new File(basedir, 'target/generated-sources/annotations/com/example/TracedAssistant.java').isFile()

assert lines.contains('A framework.')
assert lines.contains('Traces, metrics and logs.')
assert lines.contains('Everywhere.')

// LoggingSpanExporter: INFO: '<name>' : <trace id> <span id> <kind> [tracer: <scope>:] <attributes>
def spans = lines.findAll { it.startsWith("INFO: '") && it.contains(' [tracer: bud:] ') }
def named = { String name -> spans.findAll { it.startsWith("INFO: '${name}' : ") } }
assert spans.size() == 3 : "spans: ${spans}"
assert named('Assistant.ask').size() == 1 : "spans: ${spans}"
assert named('Assistant.streamAnswer').size() == 1 : "spans: ${spans}"
assert named('Assistant.askAsync').size() == 1 : "spans: ${spans}"

def ask = named('Assistant.ask')[0]
assert ask.contains(' INTERNAL ')
assert ask.contains('bud.track.type=llm') : ask
assert ask.contains('bud.track.input.question="What is OpenTelemetry?"') : ask
assert ask.contains('bud.track.output="A framework."') : ask

def stream = named('Assistant.streamAnswer')[0]
assert stream.contains('bud.track.output="Traces, metrics and logs."') : stream
assert stream.contains('bud.track.yield_count=3') : stream
assert stream.contains('bud.track.generator_completed=true') : stream

def async = named('Assistant.askAsync')[0]
assert async.contains('bud.track.output="Everywhere."') : async
return true
