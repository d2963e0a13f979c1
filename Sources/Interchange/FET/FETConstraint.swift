import Foundation

/// One element of `Time_Constraints_List` or `Space_Constraints_List`, of any kind, known or not,
/// in a generic form: its kind (the element name), weight, active flag, line, and every child
/// element as an ordered (name, value) field. Children of nested blocks (`Preferred_Starting_Time`,
/// `Preferred_Time_Slot`, `Selected_Time_Slot`, `Not_Available_Time`, `Break_Time`, …) are
/// flattened one level: they appear in order with `block` and `blockIndex` set.
///
/// ```swift
/// if c.kind == "ConstraintTeacherNotAvailableTimes" {
///   let teacher = c.string("Teacher")
///   for slot in c.timeSlots(dayField: "Day", hourField: "Hour") { … }
/// }
/// ```
public struct FETConstraint: Sendable, Equatable {
  /// Which list the constraint is in.
  public enum List: String, Sendable, Equatable {
    case time = "Time_Constraints_List"
    case space = "Space_Constraints_List"
  }

  /// The element name, e.g. "ConstraintMinDaysBetweenActivities".
  public var kind: String
  /// The list the constraint is in.
  public var list: List
  /// Its position (0-based) among the elements of its list; `FETWriter` uses it to remove elements.
  public var index: Int
  /// `Weight_Percentage`, 0–100 (100 = hard; FET allows fractions).
  public var weight: Double
  /// `Active` (true when absent); FET ignores inactive constraints.
  public var active: Bool
  /// `Comments` (empty when absent).
  public var comments: String
  /// The line where the element starts.
  public var line: Int
  /// The file name, for messages.
  public var source: String
  /// Every child element in file order (`Weight_Percentage`, `Active` and `Comments` included),
  /// nested blocks flattened one level.
  public var fields: [FETField]

  public init(
    kind: String, list: List, index: Int = 0, weight: Double = 100, active: Bool = true, comments: String = "",
    line: Int = 0, source: String = "", fields: [FETField] = []
  ) {
    self.kind = kind
    self.list = list
    self.index = index
    self.weight = weight
    self.active = active
    self.comments = comments
    self.line = line
    self.source = source
    self.fields = fields
  }

  /// True when the weight is 100% (FET treats such a constraint as hard).
  public var isHard: Bool { weight >= 100 }

  /// Whether a field with this name exists (anywhere, nested blocks included).
  public func has(_ name: String) -> Bool {
    fields.contains { $0.name == name }
  }

  /// The value of the first field with this name, exactly as written; nil when there is none.
  public func string(_ name: String) -> String? {
    fields.first { $0.name == name }?.value
  }

  /// The values of every field with this name, in order (e.g. all `Activity_Id`s).
  public func strings(_ name: String) -> [String] {
    fields.compactMap { $0.name == name ? $0.value : nil }
  }

  /// The first field with this name as a whole number; nil when absent, an error naming the line
  /// when it is not a whole number.
  public func int(_ name: String) throws -> Int? {
    guard let field = fields.first(where: { $0.name == name }) else { return nil }
    return try FETValue.int(field, of: kind, source: source)
  }

  /// Every field with this name as whole numbers (e.g. `ints("Activity_Id")`); an error naming the
  /// line for a value that is not a whole number.
  public func ints(_ name: String) throws -> [Int] {
    try fields.filter { $0.name == name }.map { try FETValue.int($0, of: kind, source: source) }
  }

  /// The first field with this name as a number (fractions allowed); nil when absent.
  public func double(_ name: String) throws -> Double? {
    guard let field = fields.first(where: { $0.name == name }) else { return nil }
    return try FETValue.double(field, of: kind, source: source)
  }

  /// The first field with this name as a boolean (`true`/`false`, also `yes`/`no`/`1`/`0`); nil
  /// when absent, an error naming the line for anything else.
  public func bool(_ name: String) throws -> Bool? {
    guard let field = fields.first(where: { $0.name == name }) else { return nil }
    return try FETValue.bool(field, of: kind, source: source)
  }

  /// The (day, hour) pairs given by repeated day and hour fields, in order: within each nested
  /// block (`Not_Available_Time` with `Day`/`Hour`, `Preferred_Starting_Time` with
  /// `Preferred_Starting_Day`/`Preferred_Starting_Hour`, `Preferred_Time_Slot` with
  /// `Preferred_Day`/`Preferred_Hour`, `Selected_Time_Slot` with `Selected_Day`/`Selected_Hour`,
  /// `Break_Time` with `Day`/`Hour`), and among direct children too (e.g. the `Preferred_Day` and
  /// `Preferred_Hour` of `ConstraintActivityPreferredStartingTime`). Days and hours are paired in
  /// order within each block; a day or hour without its partner is left out (`fields` keeps it).
  public func timeSlots(dayField: String, hourField: String) -> [(day: String, hour: String)] {
    var slots: [(day: String, hour: String)] = []
    var days: [String] = []
    var hours: [String] = []
    var started = false
    var currentBlock: Int?
    func flush() {
      for (day, hour) in zip(days, hours) { slots.append((day: day, hour: hour)) }
      days.removeAll()
      hours.removeAll()
    }
    for field in fields where field.name == dayField || field.name == hourField {
      if !started || currentBlock != field.blockIndex {
        flush()
        started = true
        currentBlock = field.blockIndex
      }
      if field.name == dayField { days.append(field.value) } else { hours.append(field.value) }
    }
    flush()
    return slots
  }

  /// The day/hour field pairs FET uses, as (block, day field, hour field); the block is nil for
  /// pairs that are direct children of the constraint.
  public static let timeSlotFieldPairs: [(block: String?, day: String, hour: String)] = [
    (block: "Not_Available_Time", day: "Day", hour: "Hour"),
    (block: "Break_Time", day: "Day", hour: "Hour"),
    (block: "Preferred_Starting_Time", day: "Preferred_Starting_Day", hour: "Preferred_Starting_Hour"),
    (block: "Preferred_Time_Slot", day: "Preferred_Day", hour: "Preferred_Hour"),
    (block: "Selected_Time_Slot", day: "Selected_Day", hour: "Selected_Hour"),
    (block: nil, day: "Preferred_Day", hour: "Preferred_Hour"),
  ]
}

/// Reading numbers and booleans the way the messages need them.
enum FETValue {
  static func int(_ field: FETField, of owner: String, source: String) throws -> Int {
    let text = field.value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let value = Int(text) else {
      throw FETFormatError(
        file: source, line: field.line,
        message: "\(field.name) of \(owner): expected a whole number, found \(fetQuoted(field.value))")
    }
    return value
  }

  static func double(_ field: FETField, of owner: String, source: String) throws -> Double {
    let text = field.value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let value = Double(text), value.isFinite else {
      throw FETFormatError(
        file: source, line: field.line,
        message: "\(field.name) of \(owner): expected a number, found \(fetQuoted(field.value))")
    }
    return value
  }

  static func bool(_ field: FETField, of owner: String, source: String) throws -> Bool {
    switch field.value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    default:
      throw FETFormatError(
        file: source, line: field.line,
        message: "\(field.name) of \(owner): expected true or false, found \(fetQuoted(field.value))")
    }
  }
}
