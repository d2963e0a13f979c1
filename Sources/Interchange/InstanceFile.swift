import Foundation
import Planner

/// The native instance file: one organisation (calendar, shifts, bells, directories, classes,
/// curricula, assignments, streams) as versioned JSON. `docs/instance-format.md` describes it.
///
/// ```json
/// { "format": "sabaq-instance", "version": 1, "organisation": { … } }
/// ```
///
/// Reading checks the JSON, the format and version, every field's type, and unknown fields
/// (a misspelt field is an error, not silently ignored); each problem names its JSON path.
public enum InstanceFile {
  public static let format = "sabaq-instance"
  public static let version = 1

  /// Reads an organisation from a file.
  public static func read(_ path: String) throws -> Organisation {
    let data = try InputFile.readJSON(path)
    do {
      return try decode(data)
    } catch let error as InstanceFileError {
      throw InstanceFileError(file: path, issues: error.issues)
    }
  }

  /// Decodes an organisation from the bytes of an instance file.
  public static func decode(_ data: Data) throws -> Organisation {
    let tree = try JSONTree.read(data)
    guard let root = tree as? [String: Any] else {
      throw InstanceFileError(issues: [
        .error("not-an-object", at: "$", "expected a JSON object with \"format\", \"version\" and \"organisation\"")
      ])
    }
    guard root["format"] as? String == format else {
      throw InstanceFileError(issues: [
        .error("wrong-format", at: "$.format", "expected \"\(format)\", found \(JSONLocation.show(root["format"]))")
      ])
    }
    guard let fileVersion = root["version"] as? Int, fileVersion >= 1 else {
      throw InstanceFileError(issues: [
        .error(
          "wrong-version", at: "$.version",
          "expected a format version number (\(version)), found \(JSONLocation.show(root["version"]))")
      ])
    }
    guard fileVersion <= version else {
      throw InstanceFileError(issues: [
        .error(
          "newer-version", at: "$.version",
          "the file is format version \(fileVersion); this sabaq reads up to version \(version)")
      ])
    }
    guard root["organisation"] is [String: Any] else {
      throw InstanceFileError(issues: [
        .error("missing-organisation", at: "$.organisation", "expected an object with the organisation")
      ])
    }
    let unknownTop = root.keys.filter { !["format", "version", "organisation"].contains($0) }.sorted()
    let envelope: Envelope
    do {
      envelope = try JSONDecoder().decode(Envelope.self, from: data)
    } catch let error as DecodingError {
      throw InstanceFileError(issues: JSONLocation.issues(for: error, in: tree))
    }
    // A field the format does not know is a mistake (a typo would otherwise be ignored).
    let written = try JSONSerialization.jsonObject(with: encoder.encode(envelope))
    var unknown = unknownTop.map { PlanningIssue.error("unknown-field", at: "$.\($0)", "unknown field \"\($0)\"") }
    JSONLocation.unknownFields(
      in: root["organisation"]!, known: (written as! [String: Any])["organisation"]!, path: "$.organisation",
      into: &unknown)
    guard unknown.isEmpty else { throw InstanceFileError(issues: unknown) }
    // Numbers out of range are refused here, before any command computes with them.
    let outOfRange = NumberRanges.issues(in: envelope.organisation)
    guard outOfRange.isEmpty else { throw InstanceFileError(issues: outOfRange) }
    return envelope.organisation
  }

  /// The bytes of an instance file for an organisation: pretty-printed UTF-8 JSON with sorted
  /// keys, so that two saves of the same data are identical and diffs stay small.
  public static func encode(_ organisation: Organisation) throws -> Data {
    var data = try encoder.encode(Envelope(format: format, version: version, organisation: organisation))
    data.append(0x0A)
    return data
  }

  /// Writes an organisation to a file, replacing it atomically: a failed write leaves the old
  /// file as it was.
  public static func write(_ organisation: Organisation, to path: String) throws {
    try encode(organisation).write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// Sabaq's JSON as it writes it: indented, keys sorted, slashes left alone, so that the same
  /// value always gives the same bytes.
  public static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  struct Envelope: Codable {
    var format: String
    var version: Int
    var organisation: Organisation
  }
}

/// An instance file that cannot be used, with every problem found.
public struct InstanceFileError: Error, CustomStringConvertible, Sendable {
  public var file: String?
  public var issues: [PlanningIssue]

  public init(file: String? = nil, issues: [PlanningIssue]) {
    self.file = file
    self.issues = issues
  }

  public var description: String {
    issues.map { issue in
      let place = [file, issue.path.isEmpty ? nil : issue.path].compactMap { $0 }.joined(separator: ": ")
      return place.isEmpty ? "\(issue.severity.rawValue): \(issue.message)" : "\(place): \(issue.message)"
    }.joined(separator: "\n")
  }
}
