/// Something wrong with an organisation's data or plan, with the place it is at.
///
/// `path` is a JSON path into the instance file (`$.organisation.assignments[4].teachers[0]`) so
/// that a person can find the line to fix; errors stop solving and saving, warnings do not.
public struct PlanningIssue: Error, Codable, Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Codable, Sendable { case error, warning }

  public var severity: Severity
  /// A short stable name of the rule ("unknown-teacher", "over-max-load").
  public var code: String
  public var path: String
  public var message: String

  public init(_ severity: Severity, _ code: String, at path: String, _ message: String) {
    self.severity = severity
    self.code = code
    self.path = path
    self.message = message
  }

  public static func error(_ code: String, at path: String, _ message: String) -> PlanningIssue {
    PlanningIssue(.error, code, at: path, message)
  }

  public static func warning(_ code: String, at path: String, _ message: String) -> PlanningIssue {
    PlanningIssue(.warning, code, at: path, message)
  }

  public var isError: Bool { severity == .error }

  public var description: String {
    path.isEmpty ? "\(severity.rawValue): \(message)" : "\(severity.rawValue): \(path): \(message)"
  }
}

/// Thrown when an operation meets errors in the data: all of them, not just the first.
public struct PlanningErrors: Error, Sendable, CustomStringConvertible {
  public var issues: [PlanningIssue]
  public init(_ issues: [PlanningIssue]) { self.issues = issues }
  public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Builds JSON paths into the instance file.
public enum InstancePath {
  public static let organisation = "$.organisation"
  public static func element(_ list: String, _ index: Int) -> String { "\(organisation).\(list)[\(index)]" }
}
