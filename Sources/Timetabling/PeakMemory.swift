// The process's peak resident memory, for results and benchmarks.
import Foundation

/// The peak resident memory of this process (Linux: `VmHWM` of /proc/self/status; elsewhere
/// `getrusage`), and, on Linux, a reset of it so that a benchmark can measure one solve after
/// another in one process.
public enum PeakMemory {
  /// The peak so far, in MiB.
  public static func mebibytes() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    {
      return kilobytes / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) / 1024  // kilobytes on Linux
  }

  /// Starts the peak again from the current resident memory (Linux only; elsewhere nothing).
  public static func reset() {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
    handle.write(Data("5".utf8))
    try? handle.close()
  }
}
