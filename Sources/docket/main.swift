import Foundation

// Before any thread exists, so that a SIGTERM sent while the worker starts waits for its handler.
if CommandLine.arguments.dropFirst().first == "worker" { SignalHandlers.blockStopSignals() }

// libgomp reads OMP_THREAD_LIMIT once, when it is loaded, before any Swift code runs; setting it
// later has no effect. So a command that reads pages, started without it, re-executes itself with
// it set: Tesseract then uses one thread per engine and Docket runs one engine per job thread
// instead. `bench` is among them because `bench pipeline`, `bench ocr` and `bench layout` read
// pages as the worker does.
let commandsThatRunOCR: Set<String> = ["worker", "run-jobs", "eval", "bench"]
if ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil,
   let command = CommandLine.arguments.dropFirst().first, commandsThatRunOCR.contains(command) {
    setenv("OMP_THREAD_LIMIT", "1", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
}

do {
    var command = try Docket.parseAsRoot()
    // A store or queue error that a command did not map itself is still one line and an exit code.
    try withExitCodes { try command.run() }
} catch {
    Docket.exit(withError: error)
}
