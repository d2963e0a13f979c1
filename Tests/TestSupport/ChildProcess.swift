import Foundation

/// Runs a program to its end for a test. Its standard output and error go to files in a fresh
/// temporary folder, read once it has ended, so that however much it writes to either, neither
/// fills a pipe that nobody reads (a pipe holds 64 KiB; a child writing more to the stream read
/// second would wait for ever, and the test with it). A child still running after `timeout`
/// seconds is killed (SIGKILL) and `run` throws `ChildProcess.TimedOut`, which
/// fails the test with the command and the limit.
public enum ChildProcess {
  public struct Result {
    public var status: Int32
    public var output: Data
    public var errors: Data
  }

  public struct TimedOut: Error, CustomStringConvertible {
    public var command: String
    public var seconds: Double
    public var description: String { "`\(command)` was still running after \(seconds) s and was killed" }
  }

  /// `input`, when given, is the child's standard input (it reads end of file after it);
  /// otherwise it reads nothing.
  public static func run(_ executable: String, _ arguments: [String], input: Data? = nil, timeout: Double) throws
    -> Result
  {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-child-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outPath = folder.appendingPathComponent("stdout")
    let errPath = folder.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outPath.path, contents: nil)
    FileManager.default.createFile(atPath: errPath.path, contents: nil)
    let out = try FileHandle(forWritingTo: outPath)
    let err = try FileHandle(forWritingTo: errPath)
    defer {
      try? out.close()
      try? err.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let inputPipe = input.map { _ in Pipe() }
    process.standardInput = inputPipe ?? FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let ended = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in ended.signal() }
    try process.run()
    if let input, let inputPipe {
      // Small inputs (a password) fit in the pipe, so a child that does not read them is not
      // waited for; one that has ended already makes the write fail rather than raise SIGPIPE.
      signal(SIGPIPE, SIG_IGN)
      try? inputPipe.fileHandleForWriting.write(contentsOf: input)
      try? inputPipe.fileHandleForWriting.close()
    }
    if ended.wait(timeout: .now() + timeout) == .timedOut {
      // SIGKILL: a child started from the test runner's threads may have SIGTERM blocked.
      kill(process.processIdentifier, SIGKILL)
      ended.wait()
      throw TimedOut(command: ([executable] + arguments).joined(separator: " "), seconds: timeout)
    }
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: try Data(contentsOf: outPath), errors: try Data(contentsOf: errPath))
  }
}
