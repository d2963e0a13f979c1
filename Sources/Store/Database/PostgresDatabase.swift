import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// The scale-out store: a PostgreSQL server through PostgresNIO, shared by many servers and
/// workers. The store's calls are synchronous (they run on the caller's thread and wait for the
/// server), so they must not be made on a SwiftNIO event loop; connections are kept in a small
/// pool and a broken one is dropped.
final class PostgresDatabase: SQLDatabase {
  let dialect = SQLDialect.postgres
  private let configuration: PostgresConnection.Configuration
  private let idle = NIOLockedValueBox<[PostgresConnection]>([])
  private let nextID = NIOLockedValueBox(0)
  private let logger = Logger(label: "sabaq.store.postgres")

  /// `postgres://user:password@host:port/database` (also `postgresql://`).
  init(url: String) throws {
    guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
      throw StoreError.invalid(
        field: "database", "expected postgres://user:password@host:port/database, found \(url)")
    }
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    configuration = PostgresConnection.Configuration(
      host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
      password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
  }

  @discardableResult func write<T>(_ body: (any SQLTransaction) throws -> T) throws -> T { try transaction(body) }
  func read<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
    try transaction(body, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
  }

  func close() {
    let connections = idle.withLockedValue { connections in
      defer { connections = [] }
      return connections
    }
    for connection in connections { Self.drop(connection) }
  }

  private func transaction<T>(_ body: (any SQLTransaction) throws -> T, begin: String = "BEGIN") throws -> T {
    let connection = try checkOut()
    let transaction = PostgresTransaction(connection: connection, logger: logger)
    do {
      try transaction.execute(begin, [])
      let result = try body(transaction)
      try transaction.execute("COMMIT", [])
      checkIn(connection)
      return result
    } catch {
      if (try? transaction.execute("ROLLBACK", [])) != nil { checkIn(connection) } else { Self.drop(connection) }
      throw PostgresTransaction.translate(error)
    }
  }

  private static func drop(_ connection: PostgresConnection) {
    let closing: EventLoopFuture<Void> = connection.close()
    _ = try? closing.wait()
  }

  private func checkOut() throws -> PostgresConnection {
    if let connection = idle.withLockedValue({ $0.popLast() }), !connection.isClosed { return connection }
    let id = nextID.withLockedValue { value in
      value += 1
      return value
    }
    do {
      return try PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
      ).wait()
    } catch {
      throw StoreError.unavailable(
        "cannot connect to PostgreSQL at \(configuration.host ?? "?"):\(configuration.port ?? 5432): "
          + PostgresTransaction.describe(error))
    }
  }

  private func checkIn(_ connection: PostgresConnection) {
    idle.withLockedValue { connections in
      if connections.count < 8 { connections.append(connection) } else { Self.drop(connection) }
    }
  }
}

private struct PostgresTransaction: SQLTransaction {
  let connection: PostgresConnection
  let logger: Logger
  var dialect: SQLDialect { .postgres }

  @discardableResult func execute(_ sql: String, _ values: [SQLValue]) throws -> Int {
    let result = try connection.query(Self.query(sql, values), logger: logger).wait()
    return result.metadata.rows ?? 0
  }

  func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow] {
    let result = try connection.query(Self.query(sql, values), logger: logger).wait()
    return try result.rows.map(Self.row)
  }

  /// The SQL with each `?` outside a quoted string replaced by `$1`, `$2`, …
  private static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
    var text = ""
    var number = 0
    var quoted = false
    for character in sql {
      if character == "'" { quoted.toggle() }
      if character == "?" && !quoted {
        number += 1
        text += "$\(number)"
      } else {
        text.append(character)
      }
    }
    var bindings = PostgresBindings(capacity: values.count)
    for value in values {
      switch value {
      case .null: bindings.appendNull()
      case .integer(let integer): bindings.append(integer)
      case .real(let real): bindings.append(real)
      case .text(let string): bindings.append(string)
      }
    }
    return PostgresQuery(unsafeSQL: text, binds: bindings)
  }

  private static func row(_ row: PostgresRow) throws -> SQLRow {
    var values: [String: SQLValue] = [:]
    for cell in row {
      let name = cell.columnName.lowercased()
      guard cell.bytes != nil else {
        values[name] = .null
        continue
      }
      switch cell.dataType {
      case .int2, .int4, .int8: values[name] = .integer(try cell.decode(Int64.self))
      case .float4, .float8: values[name] = .real(try cell.decode(Double.self))
      case .bool: values[name] = .integer(try cell.decode(Bool.self) ? 1 : 0)
      default: values[name] = .text(try cell.decode(String.self))
      }
    }
    return SQLRow(values)
  }

  static func translate(_ error: any Error) -> any Error {
    guard let error = error as? PSQLError else { return error }
    let state = error.serverInfo?[.sqlState] ?? ""
    if state.hasPrefix("23") { return StoreError.constraint(describe(error)) }
    if state == "40001" || state == "40P01" {
      return StoreError.conflict(message: "another transaction changed the same rows; try again", currentRevision: nil)
    }
    return StoreError.unavailable("PostgreSQL: \(describe(error))")
  }

  static func describe(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return "\(error)" }
    if let message = error.serverInfo?[.message] { return message }
    return "\(error.code)"
  }
}
