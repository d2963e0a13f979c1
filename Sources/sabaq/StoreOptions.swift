// What the commands over the store share: the --database option, the operator acting, the
// organisation a command names, and the store's errors in the command line's words.
import ArgumentParser
import Foundation
import Store

/// The store a command works on.
struct DatabaseOption: ParsableArguments {
  @Option(
    name: .customLong("database"),
    help: ArgumentHelp(
      "The store: sqlite:PATH or postgres://user:password@host:port/database (default: SABAQ_DATABASE, else sqlite:sabaq.sqlite in the working folder).",
      valueName: "url"))
  var url: String?

  /// Opens the store (creating the SQLite file and bringing the schema up to date if needed).
  func open() throws -> Store {
    do {
      return try Store(url: url ?? Store.defaultURL())
    } catch {
      throw CommandFailure(error, file: "--database")
    }
  }

  /// The command line acts as the operator of the machine, named after the user running it.
  static var actor: Actor {
    let environment = ProcessInfo.processInfo.environment
    let name = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LOGNAME"] ?? "operator"
    return .operator(name)
  }
}

extension Store {
  /// The organisation `id` for the operator; an unknown id is bad input named as `option`.
  func scope(_ id: Int, option: String) throws -> TenantScope {
    try failing(as: option) { try scope(id, actor: DatabaseOption.actor) }
  }
}

/// Runs `body`; an error it throws ends the command naming `place` (an option such as `--org`,
/// or an argument such as `ID`).
func failing<T>(as place: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let failure as CommandFailure {
    throw failure
  } catch {
    throw CommandFailure(error, file: place)
  }
}

/// The store's errors as the command line prints them: bad input names the option it came from
/// (the store's field `timeZone` is `--time-zone`), a conflict says the current revision.
enum StoreMessages {
  /// The option of each field the store names.
  static let options: [String: String] = [
    "name": "--name", "kind": "--kind", "parent": "--parent", "country": "--country", "timeZone": "--time-zone",
    "teacher": "--teacher", "class": "--class", "role": "--role", "login": "--login", "password": "--password-stdin",
    "period": "--period", "format": "--format", "database": "--database", "org": "--org", "user": "--login",
  ]

  static func text(_ error: StoreError, place: String?) -> String {
    switch error {
    case .invalid(let field, let message):
      // An organisation given as an argument (`org import ID`) is named as that argument.
      let name = field == "org" ? (place ?? "--org") : (options[field] ?? field)
      return "\(name): \(message)"
    case .conflict(let message, let current):
      if let current, !message.contains("revision \(current)") {
        return "\(error.description) (the current revision is \(current))"
      }
      return error.description
    case .unavailable:
      return "error: \(error.description)"
    default:
      return place.map { "\($0): \(error.description)" } ?? "error: \(error.description)"
    }
  }
}

/// A command's own refusal, as a sentence.
struct Refusal: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Text for people, JSON for programs.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

extension OrganisationNode.Kind: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension EditorBlock: ExpressibleByArgument {}

/// JSON as the store commands print it: indented, keys sorted, dates in ISO 8601.
func storeJSON<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  encoder.dateEncodingStrategy = .iso8601
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// A moment as the tables print it: local date and time to the minute (or the second).
func shortDate(_ date: Date, seconds: Bool = false) -> String {
  let formatter = DateFormatter()
  formatter.locale = Locale(identifier: "en_US_POSIX")
  formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
  return formatter.string(from: date)
}
