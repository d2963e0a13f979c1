import Foundation
import Planner

/// Turns JSON decoding failures into messages that name the place: a JSON path for a wrong
/// value, a line and column for broken syntax.
enum JSONLocation {
  /// `$.organisation.classes[3].grade` from a decoding error's coding path.
  static func path(_ codingPath: [CodingKey]) -> String {
    codingPath.reduce("$") { path, key in
      if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
        return "\(path)[\(index)]"
      }
      return "\(path).\(key.stringValue)"
    }
  }

  static func issue(for error: DecodingError) -> PlanningIssue {
    switch error {
    case .typeMismatch(let type, let context):
      return .error(
        "wrong-type", at: path(context.codingPath), "expected \(describe(type)), found another kind of value")
    case .valueNotFound(let type, let context):
      return .error("missing-value", at: path(context.codingPath), "expected \(describe(type)), found null")
    case .keyNotFound(let key, let context):
      return .error(
        "missing-field", at: path(context.codingPath + [key]), "the required field \"\(key.stringValue)\" is missing")
    case .dataCorrupted(let context):
      return .error("bad-value", at: path(context.codingPath), context.debugDescription)
    @unknown default:
      return .error("bad-value", at: "$", "\(error)")
    }
  }

  /// The issues of a decoding error, using the JSON tree read from the same bytes: a number that
  /// fits no integer (JSONDecoder says only "The given data was not valid JSON") is found by its
  /// path, and a missing required field names the field written in its place by mistake.
  static func issues(for error: DecodingError, in tree: Any) -> [PlanningIssue] {
    switch error {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      let numbers = JSONNumbers.unfitting(in: tree)
      return numbers.isEmpty
        ? [.error("bad-value", at: "$", "a value cannot be read: \(context.debugDescription)")] : numbers
    case .typeMismatch(let type, let context):
      let given = value(at: context.codingPath, in: tree)
      return [
        .error("wrong-type", at: path(context.codingPath), "expected \(describe(type)), found \(kind(of: given))")
      ]
    case .keyNotFound(let key, let context):
      var found = issue(for: error)
      if let object = value(at: context.codingPath, in: tree) as? [String: Any],
        let typo = closest(to: key.stringValue, among: object.keys.filter { $0 != key.stringValue })
      {
        found.message += " (did you mean it for \"\(typo)\"?)"
      }
      return [found]
    default:
      return [issue(for: error)]
    }
  }

  /// What a JSON value is, for messages: `"7"` for a string, `an object`, `7`.
  static func kind(of value: Any?) -> String {
    switch value {
    case nil: return "another kind of value"
    case let text as String: return text.count > 40 ? "a string" : "the string \"\(text)\""
    case is [String: Any]: return "an object"
    case is [Any]: return "an array"
    case is NSNull: return "null"
    case let number as NSNumber:
      // JSONSerialization reads true and false as NSNumber too.
      if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
      return "\(number)"
    default: return "another kind of value"
    }
  }

  /// The value at a decoding error's coding path in a JSON tree.
  static func value(at codingPath: [CodingKey], in tree: Any) -> Any? {
    var node: Any? = tree
    for key in codingPath {
      if let index = key.intValue, let array = node as? [Any] {
        node = array.indices.contains(index) ? array[index] : nil
      } else {
        node = (node as? [String: Any])?[key.stringValue]
      }
    }
    return node
  }

  static func describe(_ type: Any.Type) -> String {
    switch type {
    case is Int.Type: return "an integer"
    case is Double.Type, is Float.Type: return "a number"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    default:
      let name = String(describing: type)
      if name.hasPrefix("Array") { return "an array" }
      if name.hasPrefix("Dictionary") { return "an object" }
      return "a value of type \(name)"
    }
  }

  /// A value as it appears in the file, for messages.
  static func show(_ value: Any?) -> String {
    switch value {
    case nil: return "nothing"
    case let s as String: return "\"\(s)\""
    case is NSNull: return "null"
    case let v?: return "\(v)"
    }
  }

  /// "invalid JSON at line 4, column 12" from a JSONSerialization error's character offset.
  static func describe(_ error: Error, in data: Data) -> String {
    let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
    if text.hasPrefix("Unexpected end of file") {
      let lines = data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } - (data.last == 0x0A ? 1 : 0)
      return "the file ends at line \(lines) in the middle of the JSON (is it cut short, or a bracket not closed?)"
    }
    guard let range = text.range(of: "character "),
      let offset = Int(text[range.upperBound...].prefix { $0.isNumber })
    else { return "the file is not valid JSON: \(text)" }
    var line = 1
    var column = 1
    for byte in data.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    let reason = text.replacingOccurrences(of: " around character \(offset)", with: "")
    return
      "the file is not valid JSON at line \(line), column \(column): \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason)"
  }

  /// Collects the fields of `given` (the file) that are absent from `known` (the same data
  /// written back): fields the format does not have. Fields set to null are ignored.
  static func unknownFields(in given: Any, known: Any, path: String, into issues: inout [PlanningIssue]) {
    if let object = given as? [String: Any] {
      let knownObject = known as? [String: Any] ?? [:]
      for key in object.keys.sorted() {
        let value = object[key]!
        if value is NSNull { continue }
        guard let knownValue = knownObject[key] else {
          let suggestion = closest(to: key, among: Array(knownObject.keys)).map { " (did you mean \"\($0)\"?)" } ?? ""
          issues.append(.error("unknown-field", at: "\(path).\(key)", "unknown field \"\(key)\"\(suggestion)"))
          continue
        }
        unknownFields(in: value, known: knownValue, path: "\(path).\(key)", into: &issues)
      }
    } else if let array = given as? [Any], let knownArray = known as? [Any] {
      for (i, value) in array.enumerated() where i < knownArray.count {
        unknownFields(in: value, known: knownArray[i], path: "\(path)[\(i)]", into: &issues)
      }
    }
  }

  /// The known field nearest in spelling, when it is close enough to be a typo.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
    return best
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// Any JSON value a person wrote (a file, an option's argument), decoded with errors that name
/// the source and the place: the line and column of broken syntax, the JSON path of a wrong value.
public enum JSONInput {
  /// Decodes the JSON file at `path`; a missing, folder, unreadable or empty file is said so.
  public static func decode<T: Decodable>(_ type: T.Type, fromFile path: String) throws -> T {
    try decode(type, from: InputFile.readJSON(path), source: path)
  }

  public static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws -> T {
    if InputFile.isBlank(data) {
      throw InstanceFileError(file: source, issues: [.error("empty-file", at: "", "it is empty; expected JSON")])
    }
    let tree: Any
    do {
      tree = try JSONTree.read(data)
    } catch let error as InstanceFileError {
      throw InstanceFileError(file: source, issues: error.issues)
    }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch let error as DecodingError {
      throw InstanceFileError(file: source, issues: JSONLocation.issues(for: error, in: tree))
    }
  }
}
