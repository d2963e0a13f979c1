import Foundation
import Planner

/// Reads the tree of a JSON text a person wrote, refusing what JSONSerialization lets through or
/// reports without a place: a field written twice in one object (JSONSerialization keeps the last,
/// JSONDecoder the first, so the file would mean two things), and a number too large for any
/// number type (`21e999`). Every problem names its line and JSON path.
enum JSONTree {
  /// The tree of `data`; throws an `InstanceFileError` (without a file: callers add theirs).
  static func read(_ data: Data) throws -> Any {
    var scan = Scan(bytes: [UInt8](data))
    scan.run()
    guard scan.issues.isEmpty else { throw InstanceFileError(issues: scan.issues) }
    do {
      return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw InstanceFileError(issues: [.error("invalid-json", at: "", JSONLocation.describe(error, in: data))])
    }
  }

  /// One pass over the bytes, keeping the path to the current value and the keys seen in each
  /// open object. It stops quietly at broken syntax: JSONSerialization then says where.
  struct Scan {
    enum Container {
      case object(path: String, keys: [String: Int], key: String?)
      case array(path: String, count: Int)
    }

    let bytes: [UInt8]
    var at = 0
    var line = 1
    var stack: [Container] = []
    var issues: [PlanningIssue] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The path of the value that starts here.
    var valuePath: String {
      switch stack.last {
      case .object(let path, _, let key)?: return "\(path).\(key ?? "?")"
      case .array(let path, let count)?: return "\(path)[\(count)]"
      case nil: return "$"
      }
    }

    mutating func run() {
      var expectKey = false
      while at < bytes.count, issues.count < 20 {
        let byte = bytes[at]
        switch byte {
        case 0x0A:
          line += 1
          at += 1
        case UInt8(ascii: "{"):
          stack.append(.object(path: valuePath, keys: [:], key: nil))
          expectKey = true
          at += 1
        case UInt8(ascii: "["):
          stack.append(.array(path: valuePath, count: 0))
          at += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          guard !stack.isEmpty else { return }
          stack.removeLast()
          at += 1
        case UInt8(ascii: ":"):
          expectKey = false
          at += 1
        case UInt8(ascii: ","):
          if case .array(let path, let count)? = stack.last {
            stack[stack.count - 1] = .array(path: path, count: count + 1)
          } else {
            expectKey = true
          }
          at += 1
        case UInt8(ascii: "\""):
          guard let text = string() else { return }
          if expectKey, case .object(let path, var keys, _)? = stack.last {
            if let first = keys[text] {
              issues.append(
                .error(
                  "duplicate-field", at: "\(path).\(text)",
                  "the field \"\(text)\" is written twice in one object (\(first == line ? "line \(line)" : "lines \(first) and \(line)")); keep one"
                ))
            } else {
              keys[text] = line
            }
            stack[stack.count - 1] = .object(path: path, keys: keys, key: text)
            expectKey = false
          }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          number()
        default:
          at += 1
        }
      }
    }

    /// Reads a string from its opening quote; nil when it is not closed.
    mutating func string() -> String? {
      let start = at + 1
      var end = start
      while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
        if bytes[end] == UInt8(ascii: "\\") { end += 1 }
        if end < bytes.count, bytes[end] == 0x0A { line += 1 }
        end += 1
      }
      guard end < bytes.count else { return nil }
      at = end + 1
      let raw = String(decoding: bytes[start..<end], as: UTF8.self)
      guard raw.contains("\\") else { return raw }
      return (try? JSONSerialization.jsonObject(with: Data(("\"" + raw + "\"").utf8), options: [.fragmentsAllowed]))
        as? String ?? raw
    }

    /// Reads a number; one beyond any number type is an issue.
    mutating func number() {
      let start = at
      while at < bytes.count, "+-.eE0123456789".utf8.contains(bytes[at]) { at += 1 }
      let text = String(decoding: bytes[start..<at], as: UTF8.self)
      if let value = Double(text), !value.isFinite {
        issues.append(
          .error(
            "out-of-range", at: valuePath,
            "line \(line): the number \(text) is too large for any field; expected a number of a sensible size"))
      }
    }
  }
}
