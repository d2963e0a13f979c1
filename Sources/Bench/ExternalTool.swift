// Running another program (fet-cl) and reading what it printed, without a full pipe hanging it.
import Foundation

/// One run of another program: its exit status and what it printed.
struct ExternalTool {
  var status: Int32
  var output: String
  var errors: String

  /// Runs `executable` with `arguments`, reading standard output and standard error at once so
  /// that neither pipe fills up; a program that cannot start gives status -1 and the reason.
  static func run(_ executable: String, _ arguments: [String]) -> ExternalTool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return ExternalTool(status: -1, output: "", errors: "\(error)") }
    final class Box: @unchecked Sendable { var data = Data() }
    let outBox = Box()
    let group = DispatchGroup()
    group.enter()
    let handle = out.fileHandleForReading
    DispatchQueue.global().async {
      outBox.data = handle.readDataToEndOfFile()
      group.leave()
    }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ExternalTool(
      status: process.terminationStatus, output: String(decoding: outBox.data, as: UTF8.self),
      errors: String(decoding: errData, as: UTF8.self))
  }
}
