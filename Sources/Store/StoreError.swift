/// Why a store call was refused. Messages name the thing and, for bad input, the field.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
  /// No such row for this tenant (also what another tenant's id gives: existence is not revealed).
  case notFound(String)
  /// The change was made on a revision that is no longer the current one.
  case conflict(message: String, currentRevision: Int?)
  /// The acting user's roles do not allow the action here.
  case forbidden(String)
  /// Bad input, naming the field.
  case invalid(field: String, String)
  /// A rule of the database refused the change (a duplicate login, a missing parent).
  case constraint(String)
  /// The database cannot be reached or opened.
  case unavailable(String)
  /// A stored value cannot be read back.
  case corrupt(String)
  /// No signed-in user (or a session that ended); the message never says whether a login exists.
  case unauthorised(String)
  /// Too many failed sign-ins for a login: try again after so many seconds.
  case rateLimited(retryAfter: Int)

  public var description: String {
    switch self {
    case .notFound(let what): return "not found: \(what)"
    case .conflict(let message, _): return "conflict: \(message)"
    case .forbidden(let message): return "forbidden: \(message)"
    case .invalid(let field, let message): return "\(field): \(message)"
    case .constraint(let message): return "refused by the database: \(message)"
    case .unavailable(let message): return message
    case .corrupt(let message): return "the stored data cannot be read: \(message)"
    case .unauthorised(let message): return message
    case .rateLimited(let seconds): return "too many failed sign-ins: try again in \(seconds) seconds"
    }
  }
}
