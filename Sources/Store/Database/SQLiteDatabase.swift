import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB, in WAL mode with foreign keys on. Writes
/// are IMMEDIATE transactions, so that two processes writing the same file wait for each other
/// (up to the busy timeout) instead of failing half-way.
final class SQLiteDatabase: SQLDatabase {
  let dialect = SQLDialect.sqlite
  private let pool: DatabasePool

  init(path: String) throws {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(15)
    configuration.label = "sabaq"
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
    } catch {
      throw StoreError.unavailable("cannot open the SQLite database \(path): \(Self.describe(error))")
    }
  }

  @discardableResult func write<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
    try translatingErrors {
      try pool.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(GRDBTransaction(db: db))
          return .commit
        }
        return result!
      }
    }
  }

  func read<T>(_ body: (any SQLTransaction) throws -> T) throws -> T {
    try translatingErrors { try pool.read { db in try body(GRDBTransaction(db: db)) } }
  }

  func close() { try? pool.close() }

  private func translatingErrors<T>(_ work: () throws -> T) throws -> T {
    do {
      return try work()
    } catch let error as DatabaseError {
      switch error.resultCode {
      case .SQLITE_BUSY, .SQLITE_LOCKED:
        throw StoreError.unavailable("the database is busy (another process holds it): \(Self.describe(error))")
      case .SQLITE_CONSTRAINT:
        throw StoreError.constraint(error.message ?? "a constraint of the database refused the change")
      default:
        throw StoreError.unavailable("SQLite: \(Self.describe(error))")
      }
    }
  }

  private static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
    return "\(error)"
  }
}

private struct GRDBTransaction: SQLTransaction {
  let db: Database
  var dialect: SQLDialect { .sqlite }

  @discardableResult func execute(_ sql: String, _ values: [SQLValue]) throws -> Int {
    // Statements are compiled once per connection and kept (GRDB's statement cache).
    try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(values))
    return db.changesCount
  }

  func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow] {
    try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: Self.arguments(values)).map { row in
      var values: [String: SQLValue] = [:]
      for (column, value) in zip(row.columnNames, row.databaseValues) {
        values[column.lowercased()] = Self.value(value)
      }
      return SQLRow(values)
    }
  }

  private static func arguments(_ values: [SQLValue]) -> StatementArguments {
    StatementArguments(
      values.map { value -> (any DatabaseValueConvertible)? in
        switch value {
        case .null: return nil
        case .integer(let integer): return integer
        case .real(let real): return real
        case .text(let text): return text
        }
      })
  }

  private static func value(_ value: DatabaseValue) -> SQLValue {
    switch value.storage {
    case .null: return .null
    case .int64(let integer): return .integer(integer)
    case .double(let real): return .real(real)
    case .string(let text): return .text(text)
    case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
    }
  }
}
