// `sabaq serve`: the HTTP server over the store.
import ArgumentParser
import Foundation
import Server
import Store

struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Run the server: the JSON API (/api/v1), /health, /metrics.",
    discussion: """
      With the embedded SQLite default the server runs solve jobs itself; with --no-jobs (for a \
      shared PostgreSQL) `sabaq worker` processes run them. Ctrl-C stops it gracefully: a running \
      job goes back to the queue.
      """)

  @OptionGroup var database: DatabaseOption
  @Option(help: "The address to listen on.") var host = "127.0.0.1"
  @Option(help: "The port to listen on.") var port = 8080
  @Flag(help: "Leave solve jobs to `sabaq worker` processes.") var noJobs = false
  @Option(
    help: """
      On a first start (an empty store): a school for each plan file (or each .json file of a folder), \
      in one district, and people to sign in as in the first (printed).
      """)
  var starter: [String] = []

  func validate() throws {
    guard (1...65535).contains(port) else { throw ValidationError("--port: expected 1 to 65535, found \(port)") }
  }

  /// The files named, a folder standing for its `.json` files (the first named file first).
  static func planFiles(_ names: [String]) throws -> [String] {
    var seen = Set<String>()
    return try names.flatMap { name -> [String] in
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: name, isDirectory: &isFolder), isFolder.boolValue else {
        return [name]
      }
      let files = try FileManager.default.contentsOfDirectory(atPath: name).filter { $0.hasSuffix(".json") }.sorted()
      guard !files.isEmpty else { throw ValidationError("--starter: \(name) is a folder without .json plan files") }
      return files.map { (name as NSString).appendingPathComponent($0) }
    }.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
  }

  func run() throws {
    let store = try database.open()
    defer { store.close() }
    if !starter.isEmpty {
      let made = try failing(as: "--starter") {
        try StarterData.create(in: store, plans: try Self.planFiles(starter), actor: DatabaseOption.actor)
      }
      if let made {
        let others = made.schools.dropFirst().map { "\($0.name) (\($0.id))" }
        if !others.isEmpty { print("A first start: the district's other schools: \(others.joined(separator: ", "))") }
        print("A first start: \(made.school.name) (organisation \(made.school.id)) with its plan; sign in as")
        for account in made.accounts {
          print("  \(account.login) (\(account.role.rawValue), \(account.organisation.name))")
        }
        print("with the password \(made.password)")
      }
    }
    let configuration = ServerConfiguration(host: host, port: port, runsJobs: !noJobs)
    print("Sabaq on http://\(host):\(port) (store: \(store.url)); try:")
    print("  curl -s -X POST http://\(host):\(port)/api/v1/session -d '{\"login\": \"deputy\", \"password\": \"…\"}'")
    fflush(nil)  // the address and the sign-in reach a pipe or a log file at once
    try runServer(store: store, configuration: configuration)
  }
}

/// Runs the server until it is stopped (SIGINT, SIGTERM), waiting on this thread.
private func runServer(store: Store, configuration: ServerConfiguration) throws {
  let ended = DispatchSemaphore(value: 0)
  let failure = FailureBox()
  Task {
    do {
      try await SabaqServer.run(store: store, configuration: configuration)
    } catch {
      failure.set(error)
    }
    ended.signal()
  }
  ended.wait()
  if let error = failure.error { throw error }
}

private final class FailureBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Error?
  func set(_ error: Error) { lock.withLock { stored = error } }
  var error: Error? { lock.withLock { stored } }
}
