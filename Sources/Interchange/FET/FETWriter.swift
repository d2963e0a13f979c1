import Foundation

/// Where a constraint element sits in a `.fet` file, for choosing what `FETWriter` removes. `list`
/// and `index` match `FETConstraint.list` and `FETConstraint.index` of the same file read by
/// `FETReader`.
public struct FETConstraintPosition: Sendable, Equatable {
  /// The list the element is in.
  public var list: FETConstraint.List
  /// Its position (0-based) among the elements of the list.
  public var index: Int
  /// The element name, e.g. "ConstraintTeachersMaxGapsPerWeek".
  public var kind: String
  /// The line where the element's start tag begins.
  public var line: Int
}

/// Writes FET files derived from an original one, editing its text so that everything else stays
/// byte-identical (BOM, spacing, comments, order):
///
/// - `locked(original:placements:)` adds, the way FET saves a locked timetable, a 100%
///   `ConstraintActivityPreferredStartingTime` (permanently locked) per placement to
///   `Time_Constraints_List` and a 100% `ConstraintActivityPreferredRoom` per placement with a room
///   to `Space_Constraints_List`. fet-cl then only checks the timetable (FET.md, "Confirming a
///   timetable with FET").
/// - `reduced(original:removingConstraintsOfKinds:)` drops every constraint of the given kinds, to
///   give fet-cl and Sabaq's solver the same reduced problem.
public enum FETWriter {
  /// The original file with every placement locked in time (and in room, when it has one).
  ///
  /// New elements go just before `</Time_Constraints_List>` and `</Space_Constraints_List>`; an
  /// empty `<Space_Constraints_List/>` is opened up, and a missing list is added before `</fet>`.
  /// Names are escaped for XML; the line ending (LF or CRLF) and the indentation follow the file.
  /// - Parameter comments: the `Comments` of each added constraint (empty, as FET writes it, by default).
  public static func locked(original: Data, placements: [FETPlacement], comments: String = "") throws -> Data {
    let bytes = [UInt8](original)
    let spans = FETTextScanner.spans(bytes, maxDepth: 2)
    guard let root = spans.first(where: { $0.depth == 0 }), root.name == "fet" || root.name == "FET" else {
      throw FETFormatError(
        file: "(original)", line: nil, message: "not a FET file: no <fet> root element found to add locks to")
    }
    let newline = FETTextScanner.newline(bytes)
    var edits: [FETTextScanner.Edit] = []

    var timeItems: [[String]] = []
    var spaceItems: [[String]] = []
    for placement in placements {
      timeItems.append([
        "<ConstraintActivityPreferredStartingTime>",
        "\t<Weight_Percentage>100</Weight_Percentage>",
        "\t<Activity_Id>\(placement.activityID)</Activity_Id>",
        "\t<Preferred_Day>\(escape(placement.day))</Preferred_Day>",
        "\t<Preferred_Hour>\(escape(placement.hour))</Preferred_Hour>",
        "\t<Permanently_Locked>true</Permanently_Locked>",
        "\t<Active>true</Active>",
        "\t<Comments>\(escape(comments))</Comments>",
        "</ConstraintActivityPreferredStartingTime>",
      ])
      if let room = placement.room {
        var item = [
          "<ConstraintActivityPreferredRoom>",
          "\t<Weight_Percentage>100</Weight_Percentage>",
          "\t<Activity_Id>\(placement.activityID)</Activity_Id>",
          "\t<Room>\(escape(room))</Room>",
        ]
        if !placement.realRooms.isEmpty {
          item.append("\t<Number_of_Real_Rooms>\(placement.realRooms.count)</Number_of_Real_Rooms>")
          item += placement.realRooms.map { "\t<Real_Room>\(escape($0))</Real_Room>" }
        }
        item += [
          "\t<Permanently_Locked>true</Permanently_Locked>",
          "\t<Active>true</Active>",
          "\t<Comments>\(escape(comments))</Comments>",
          "</ConstraintActivityPreferredRoom>",
        ]
        spaceItems.append(item)
      }
    }

    let timeList = spans.first { $0.depth == 1 && $0.name == FETConstraint.List.time.rawValue }
    let spaceList = spans.first { $0.depth == 1 && $0.name == FETConstraint.List.space.rawValue }
    for (list, items, name) in [
      (timeList, timeItems, FETConstraint.List.time.rawValue),
      (spaceList, spaceItems, FETConstraint.List.space.rawValue),
    ] where !items.isEmpty {
      if let list {
        let children = spans.filter { $0.depth == 2 && $0.start > list.start && $0.end <= list.end }
        edits.append(
          FETTextScanner.append(items: items, to: list, firstChild: children.first, in: bytes, newline: newline))
      } else {
        // A missing list: before the space list when only the time list is missing, else before </fet>.
        let anchor =
          (name == FETConstraint.List.time.rawValue ? spaceList?.start : nil) ?? root.closeTagStart ?? root.end
        edits.append(FETTextScanner.newList(name: name, items: items, before: anchor, in: bytes, newline: newline))
      }
    }
    return Data(FETTextScanner.apply(edits, to: bytes))
  }

  /// The original file without any constraint element whose kind is in `kinds` (e.g.
  /// `["ConstraintTeachersMaxGapsPerWeek"]`), in either list. Everything else is kept byte for byte;
  /// a removed element's line goes with it when the element was alone on its lines.
  public static func reduced(original: Data, removingConstraintsOfKinds kinds: Set<String>) -> Data {
    removingConstraints(original: original) { kinds.contains($0.kind) }
  }

  /// The original file without the constraint elements for which `shouldRemove` is true (by list
  /// and index, kind or line).
  public static func removingConstraints(
    original: Data, where shouldRemove: (FETConstraintPosition) -> Bool
  ) -> Data {
    let bytes = [UInt8](original)
    let spans = FETTextScanner.spans(bytes, maxDepth: 2)
    let lines = FETTextScanner.LineIndex(bytes)
    var edits: [FETTextScanner.Edit] = []
    for list in spans where list.depth == 1 {
      guard let kind = FETConstraint.List(rawValue: list.name) else { continue }
      let children = spans.filter { $0.depth == 2 && $0.start > list.start && $0.end <= list.end }
      for (index, child) in children.enumerated() {
        let position = FETConstraintPosition(
          list: kind, index: index, kind: child.name, line: lines.line(at: child.start))
        if shouldRemove(position) {
          edits.append(FETTextScanner.removal(of: child, in: bytes))
        }
      }
    }
    return Data(FETTextScanner.apply(edits, to: bytes))
  }

  /// Text escaped for an XML element's content, the way FET does (`& < > " '`).
  public static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}

/// A light scanner of the text of a well-formed XML file: where elements start and end (byte
/// offsets), skipping comments, CDATA, processing instructions and the DOCTYPE; and the edits
/// `FETWriter` makes.
enum FETTextScanner {
  struct Span {
    var name: String
    /// Offset of the `<` of the start tag.
    var start: Int
    /// Offset just after the `>` of the end tag (or of the self-closing tag).
    var end: Int
    /// 0 for the root element.
    var depth: Int
    /// Offset of the `<` of the end tag; nil for `<X/>`.
    var closeTagStart: Int?
    var isSelfClosing: Bool { closeTagStart == nil }
  }

  struct Edit {
    var offset: Int
    var removing: Int
    var inserting: [UInt8]
  }

  private static let lt = UInt8(ascii: "<")
  private static let gt = UInt8(ascii: ">")
  private static let slash = UInt8(ascii: "/")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")

  /// The elements down to `maxDepth`, in the order of their start tags.
  static func spans(_ bytes: [UInt8], maxDepth: Int) -> [Span] {
    var result: [Span] = []
    var stack: [(name: String, start: Int)] = []
    let count = bytes.count
    var i = 0
    func find(_ pattern: [UInt8], from start: Int) -> Int {
      var j = start
      while j + pattern.count <= count {
        if bytes[j] == pattern[0] && Array(bytes[j..<(j + pattern.count)]) == pattern { return j }
        j += 1
      }
      return count
    }
    func hasPrefix(_ pattern: String, at offset: Int) -> Bool {
      let utf8 = Array(pattern.utf8)
      return offset + utf8.count <= count && Array(bytes[offset..<(offset + utf8.count)]) == utf8
    }
    func isNameEnd(_ byte: UInt8) -> Bool {
      byte == space || byte == tab || byte == lf || byte == cr || byte == gt || byte == slash
    }
    while i < count {
      guard let next = bytes[i...].firstIndex(of: lt) else { break }
      i = next
      if hasPrefix("<!--", at: i) {
        i = min(find(Array("-->".utf8), from: i + 4) + 3, count)
      } else if hasPrefix("<![CDATA[", at: i) {
        i = min(find(Array("]]>".utf8), from: i + 9) + 3, count)
      } else if hasPrefix("<?", at: i) {
        i = min(find(Array("?>".utf8), from: i + 2) + 2, count)
      } else if hasPrefix("<!", at: i) {
        var j = i + 2
        var brackets = 0
        while j < count {
          if bytes[j] == UInt8(ascii: "[") { brackets += 1 }
          if bytes[j] == UInt8(ascii: "]") { brackets -= 1 }
          if bytes[j] == gt && brackets <= 0 { break }
          j += 1
        }
        i = min(j + 1, count)
      } else if i + 1 < count && bytes[i + 1] == slash {
        let close = bytes[i...].firstIndex(of: gt) ?? (count - 1)
        if let open = stack.popLast(), stack.count <= maxDepth {
          result.append(Span(name: open.name, start: open.start, end: close + 1, depth: stack.count, closeTagStart: i))
        }
        i = close + 1
      } else {
        var j = i + 1
        while j < count && !isNameEnd(bytes[j]) { j += 1 }
        let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
        var quote: UInt8?
        while j < count {
          let byte = bytes[j]
          if let open = quote {
            if byte == open { quote = nil }
          } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
          } else if byte == gt {
            break
          }
          j += 1
        }
        if j > i + 1 && j < count && bytes[j - 1] == slash {
          if stack.count <= maxDepth {
            result.append(Span(name: name, start: i, end: j + 1, depth: stack.count, closeTagStart: nil))
          }
        } else {
          stack.append((name, i))
        }
        i = j + 1
      }
    }
    return result.sorted { $0.start < $1.start }
  }

  /// "\r\n" when the file's first line ends so, else "\n".
  static func newline(_ bytes: [UInt8]) -> [UInt8] {
    if let first = bytes.firstIndex(of: lf), first > 0, bytes[first - 1] == cr { return [cr, lf] }
    return [lf]
  }

  /// The spaces and tabs before `offset` on its line, and where the line starts (nil when
  /// something other than spaces and tabs precedes `offset` on its line).
  static func indentation(before offset: Int, in bytes: [UInt8]) -> (lineStart: Int?, indent: [UInt8]) {
    var start = offset
    while start > 0 && (bytes[start - 1] == space || bytes[start - 1] == tab) { start -= 1 }
    let indent = Array(bytes[start..<offset])
    if start == 0 || bytes[start - 1] == lf { return (start, indent) }
    return (nil, indent)
  }

  static func text(_ items: [[String]], indent: [UInt8], newline: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for item in items {
      for line in item {
        out += indent
        out += Array(line.utf8)
        out += newline
      }
    }
    return out
  }

  /// Adds `items` at the end of an existing list element.
  static func append(items: [[String]], to list: Span, firstChild: Span?, in bytes: [UInt8], newline: [UInt8]) -> Edit {
    let listIndent = indentation(before: list.start, in: bytes).indent
    if let closeTag = list.closeTagStart {
      let itemIndent: [UInt8]
      if let firstChild {
        itemIndent = indentation(before: firstChild.start, in: bytes).indent
      } else {
        let closing = indentation(before: closeTag, in: bytes).indent
        itemIndent = closing.isEmpty ? [] : closing + [tab]
      }
      let block = text(items, indent: itemIndent, newline: newline)
      let (lineStart, _) = indentation(before: closeTag, in: bytes)
      if let lineStart {
        return Edit(offset: lineStart, removing: 0, inserting: block)
      }
      return Edit(offset: closeTag, removing: 0, inserting: newline + block + listIndent)
    }
    // <List/>: open it up.
    let itemIndent = listIndent.isEmpty ? [] : listIndent + [tab]
    let opened =
      Array("<\(list.name)>".utf8) + newline + text(items, indent: itemIndent, newline: newline) + listIndent
      + Array("</\(list.name)>".utf8)
    return Edit(offset: list.start, removing: list.end - list.start, inserting: opened)
  }

  /// Adds a whole new list element before `offset` (the start of a sibling or of `</fet>`).
  static func newList(name: String, items: [[String]], before offset: Int, in bytes: [UInt8], newline: [UInt8]) -> Edit
  {
    let (lineStart, indent) = indentation(before: offset, in: bytes)
    let itemIndent = indent.isEmpty ? [] : indent + [tab]
    let list =
      indent + Array("<\(name)>".utf8) + newline + text(items, indent: itemIndent, newline: newline) + indent
      + Array("</\(name)>".utf8) + newline
    if let lineStart {
      return Edit(offset: lineStart, removing: 0, inserting: list + newline)
    }
    return Edit(offset: offset, removing: 0, inserting: newline + list)
  }

  /// Removes an element; with its whole lines when nothing else shares them.
  static func removal(of span: Span, in bytes: [UInt8]) -> Edit {
    let (lineStart, _) = indentation(before: span.start, in: bytes)
    var lineEnd = span.end
    while lineEnd < bytes.count && (bytes[lineEnd] == space || bytes[lineEnd] == tab || bytes[lineEnd] == cr) {
      lineEnd += 1
    }
    if let lineStart, lineEnd == bytes.count || bytes[lineEnd] == lf {
      let end = min(lineEnd + 1, bytes.count)
      return Edit(offset: lineStart, removing: end - lineStart, inserting: [])
    }
    return Edit(offset: span.start, removing: span.end - span.start, inserting: [])
  }

  /// The bytes with non-overlapping edits made.
  static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + edits.reduce(0) { $0 + $1.inserting.count })
    var position = 0
    for edit in edits.sorted(by: { $0.offset < $1.offset }) {
      guard edit.offset >= position else { continue }
      out += bytes[position..<edit.offset]
      out += edit.inserting
      position = edit.offset + edit.removing
    }
    out += bytes[min(position, bytes.count)...]
    return out
  }

  /// Line numbers of byte offsets.
  struct LineIndex {
    var newlines: [Int] = []
    init(_ bytes: [UInt8]) {
      for (offset, byte) in bytes.enumerated() where byte == FETTextScanner.lf { newlines.append(offset) }
    }
    /// The 1-based line of a byte offset.
    func line(at offset: Int) -> Int {
      var low = 0
      var high = newlines.count
      while low < high {
        let middle = (low + high) / 2
        if newlines[middle] < offset { low = middle + 1 } else { high = middle }
      }
      return low + 1
    }
  }
}
