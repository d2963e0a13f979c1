import Foundation

/// A problem in a FET file (`.fet`) or in one of fet-cl's output files: the file, the line (when
/// known) and what was expected. Its description reads like a compiler message:
///
///     school.fet:340: Duration of activity 12: expected a whole number, found "x"
///
/// The line is the line of the element concerned; when something is missing it is the line of the
/// element that should contain it.
public struct FETFormatError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name as given to the reader (a path, or the `source` passed to `parse`).
  public var file: String
  /// The 1-based line number, or nil when the problem concerns the file as a whole.
  public var line: Int?
  /// What is wrong, without the file and line.
  public var message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}

extension FETFormatError: LocalizedError {
  public var errorDescription: String? { description }
}

/// Shows a value found in a file, quoted, for messages (`found "x"`).
func fetQuoted(_ text: String) -> String {
  var shown = ""
  for character in text {
    switch character {
    case "\"": shown += "\\\""
    case "\n": shown += "\\n"
    case "\t": shown += "\\t"
    case "\r": shown += "\\r"
    default: shown.append(character)
    }
  }
  return "\"\(shown)\""
}
