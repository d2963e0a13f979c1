import Foundation

/// A value bound to a statement or read from a row; the few types Sabaq's schema uses on both
/// backends (BIGINT, DOUBLE PRECISION, TEXT).
public enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  init(_ value: String?) { self = value.map { .text($0) } ?? .null }
  init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
  init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
}

/// One row of a result, by lower-case column name.
public struct SQLRow: Sendable {
  var values: [String: SQLValue]

  init(_ values: [String: SQLValue]) { self.values = values }

  subscript(column: String) -> SQLValue { values[column] ?? .null }

  func int(_ column: String) throws -> Int {
    guard let value = optionalInt(column) else { throw StoreError.corrupt("column \(column) is not an integer") }
    return value
  }

  func optionalInt(_ column: String) -> Int? {
    switch self[column] {
    case .integer(let value): return Int(value)
    case .real(let value): return Int(exactly: value)
    case .text(let text): return Int(text)
    case .null: return nil
    }
  }

  func string(_ column: String) throws -> String {
    guard let value = optionalString(column) else { throw StoreError.corrupt("column \(column) is not text") }
    return value
  }

  func optionalString(_ column: String) -> String? {
    switch self[column] {
    case .text(let text): return text
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .null: return nil
    }
  }

  func optionalDouble(_ column: String) -> Double? {
    switch self[column] {
    case .real(let value): return value
    case .integer(let value): return Double(value)
    case .text(let text): return Double(text)
    case .null: return nil
    }
  }

  func date(_ column: String) throws -> Date { Date(milliseconds: try int(column)) }
  func optionalDate(_ column: String) -> Date? { optionalInt(column).map(Date.init(milliseconds:)) }
}

/// The SQL a backend speaks where the two differ.
public enum SQLDialect: Sendable {
  case sqlite
  case postgres
}

/// The statements of one transaction. The SQL is written once with `?` placeholders and runs on
/// both backends; `execute` returns the number of rows changed.
protocol SQLTransaction {
  var dialect: SQLDialect { get }
  @discardableResult func execute(_ sql: String, _ values: [SQLValue]) throws -> Int
  func query(_ sql: String, _ values: [SQLValue]) throws -> [SQLRow]
}

extension SQLTransaction {
  func queryOne(_ sql: String, _ values: [SQLValue]) throws -> SQLRow? { try query(sql, values).first }
}

/// A database Sabaq's store runs on: every call is one transaction, committed when the body
/// returns and rolled back when it throws.
protocol SQLDatabase: Sendable {
  var dialect: SQLDialect { get }
  /// A transaction that writes; on SQLite it holds the write lock from its start (IMMEDIATE).
  @discardableResult func write<T>(_ body: (any SQLTransaction) throws -> T) throws -> T
  /// A transaction that only reads, from one consistent snapshot.
  func read<T>(_ body: (any SQLTransaction) throws -> T) throws -> T
  func close()
}

extension Date {
  init(milliseconds: Int) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
  var milliseconds: Int { Int((timeIntervalSince1970 * 1000).rounded()) }
}
