import Foundation

/// A file a person named on the command line, read with errors that say what is wrong in words:
/// no such file, a folder given as a file, a file that cannot be read, an empty file. Foundation's
/// own errors ("NSCocoaErrorDomain error 256") never reach the user.
enum InputFile {
  /// Why a file could not be read: a stable code and a sentence.
  struct Problem: Error {
    var code: String
    var message: String
  }

  /// The bytes of the file at `path`; throws a `Problem` when it is missing, a folder, unreadable
  /// or empty (nothing but blanks).
  static func read(_ path: String) throws -> Data {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw Problem(code: "no-such-file", message: "no such file")
    }
    if isFolder.boolValue {
      throw Problem(code: "not-a-file", message: "this is a folder, not a file")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let readable = FileManager.default.isReadableFile(atPath: path)
      throw Problem(
        code: "unreadable-file",
        message: readable ? "the file cannot be read" : "the file cannot be read (no permission to read it)")
    }
    if isBlank(data) { throw Problem(code: "empty-file", message: "the file is empty") }
    return data
  }

  /// Whether the bytes are nothing but spaces, tabs and line breaks (or nothing at all).
  static func isBlank(_ data: Data) -> Bool {
    data.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
  }

  /// The bytes of a JSON file, with a problem as an `InstanceFileError` naming the file.
  static func readJSON(_ path: String) throws -> Data {
    do {
      return try read(path)
    } catch let problem as Problem {
      throw InstanceFileError(file: path, issues: [.error(problem.code, at: "", problem.message)])
    }
  }
}
