import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// New, empty databases for tests: a temporary SQLite file always, and a database on the
/// PostgreSQL server `SABAQ_TEST_POSTGRES` names when it is set (`.ci/run` starts one with
/// `scripts/postgres`).
public enum TestDatabase {
  public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    public var description: String { rawValue }
  }

  /// The backends this run can use: SQLite, and PostgreSQL when a server is configured.
  public static var backends: [Backend] { serverURL == nil ? [.sqlite] : [.sqlite, .postgres] }

  public static var serverURL: String? {
    ProcessInfo.processInfo.environment["SABAQ_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A new empty database's URL (nothing opened yet).
  public static func make(_ backend: Backend) throws -> String {
    let name = "sabaq_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    switch backend {
    case .sqlite:
      return "sqlite:" + FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
    case .postgres:
      guard let serverURL else { throw TestDatabaseError.noServer }
      try admin(serverURL, "CREATE DATABASE \(name)")
      var components = URLComponents(string: serverURL)!
      components.path = "/\(name)"
      return components.string!
    }
  }

  /// Removes a database `make` made.
  public static func drop(_ url: String) {
    if url.hasPrefix("sqlite:") {
      let path = String(url.dropFirst("sqlite:".count))
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    } else if let serverURL, let name = URLComponents(string: url)?.path.dropFirst(), name.hasPrefix("sabaq_test_") {
      try? admin(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
  }

  private static func admin(_ url: String, _ sql: String) throws {
    guard let components = URLComponents(string: url), let host = components.host else {
      throw TestDatabaseError.badURL(url)
    }
    let configuration = PostgresConnection.Configuration(
      host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
      password: components.password, database: String(components.path.dropFirst()), tls: .disable)
    let logger = Logger(label: "sabaq.tests")
    let connection = try PostgresConnection.connect(
      on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
    ).wait()
    defer {
      let closing: EventLoopFuture<Void> = connection.close()
      _ = try? closing.wait()
    }
    _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
  }
}

public enum TestDatabaseError: Error {
  case noServer
  case badURL(String)
}
