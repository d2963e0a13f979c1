import Foundation

extension FETDocument {
  /// What a constraint field names, by FET's field names.
  public enum ReferenceKind: String, Sendable, CaseIterable {
    case teacher, studentsSet = "students set", subject, activityTag = "activity tag", room, activity, day, hour

    /// The kind named by a constraint field, or nil for a field naming nothing.
    public static func of(field name: String) -> ReferenceKind? {
      switch name {
      case "Teacher", "Teacher_Name": return .teacher
      case "Students", "Students_Name", "Students_Set_Name": return .studentsSet
      case "Subject", "Subject_Name": return .subject
      case "Activity_Tag", "Activity_Tag_Name", "First_Activity_Tag", "Second_Activity_Tag": return .activityTag
      case "Room", "Room_Name", "Preferred_Room", "Real_Room": return .room
      case "Activity_Id", "First_Activity_Id", "Second_Activity_Id", "Third_Activity_Id": return .activity
      case "Day", "Preferred_Day", "Preferred_Starting_Day", "Selected_Day": return .day
      case "Hour", "Preferred_Hour", "Preferred_Starting_Hour", "Selected_Hour", "Interval_Start_Hour",
        "Interval_End_Hour":
        return .hour
      default: return nil
      }
    }
  }

  /// Names that refer to nothing, and counts that disagree, each with its line:
  ///
  /// - activities naming an unknown teacher, subject, students set or activity tag;
  /// - constraints naming (by the usual field names: `Teacher`, `Teacher_Name`, `Students`,
  ///   `Students_Name`, `Students_Set_Name`, `Subject`, `Subject_Name`, `Activity_Tag`,
  ///   `Activity_Tag_Name`, `First_/Second_Activity_Tag`, `Room`, `Room_Name`, `Preferred_Room`,
  ///   `Real_Room`, `Activity_Id`, `First_/Second_/Third_Activity_Id`, and the day and hour fields)
  ///   something that does not exist; an empty value is not a reference (FET uses it for "any");
  /// - qualified subjects, buildings of rooms and real rooms of virtual rooms that do not exist;
  /// - names defined twice (teachers, subjects, tags, buildings, rooms) and repeated activity ids;
  /// - constraint counts that disagree with their lists (`Number_of_Activities` and `Activity_Id`,
  ///   `Number_of_Not_Available_Times` and `Not_Available_Time`, …), which FET refuses.
  public func referenceProblems() -> [FETFormatError] {
    let known = KnownNames(self)
    var problems = duplicateProblems() + directoryProblems(known) + activityProblems(known)
    for constraint in constraints {
      problems += fieldProblems(of: constraint, known)
      problems += countProblems(of: constraint)
    }
    return problems
  }

  /// The names (and activity ids) defined in a document, gathered once for the reference checks.
  private struct KnownNames {
    let teachers: Set<String>
    let subjects: Set<String>
    let tags: Set<String>
    let rooms: Set<String>
    let buildings: Set<String>
    let students: Set<String>
    let activities: Set<Int>
    let days: Set<String>
    let hours: Set<String>

    init(_ document: FETDocument) {
      teachers = Set(document.teachers.map(\.name))
      subjects = Set(document.subjects.map(\.name))
      tags = Set(document.activityTags.map(\.name))
      rooms = Set(document.rooms.map(\.name))
      buildings = Set(document.buildings.map(\.name))
      students = document.studentsSetNames
      activities = Set(document.activities.map(\.id))
      days = Set(document.days)
      hours = Set(document.hours)
    }
  }

  private func problem(_ line: Int, _ message: String) -> FETFormatError {
    FETFormatError(file: source, line: line, message: message)
  }

  /// Names defined twice (teachers, subjects, tags, buildings, rooms) and repeated activity ids.
  private func duplicateProblems() -> [FETFormatError] {
    var problems: [FETFormatError] = []
    func duplicates(_ names: [(String, Int)], what: String) {
      var seen: [String: Int] = [:]
      for (name, line) in names {
        if let first = seen[name] {
          problems.append(problem(line, "\(what) \(fetQuoted(name)) is defined twice (first on line \(first))"))
        } else {
          seen[name] = line
        }
      }
    }
    duplicates(teachers.map { ($0.name, $0.line) }, what: "teacher")
    duplicates(subjects.map { ($0.name, $0.line) }, what: "subject")
    duplicates(activityTags.map { ($0.name, $0.line) }, what: "activity tag")
    duplicates(buildings.map { ($0.name, $0.line) }, what: "building")
    duplicates(rooms.map { ($0.name, $0.line) }, what: "room")
    duplicates(activities.map { (String($0.id), $0.line) }, what: "activity id")
    return problems
  }

  /// Qualified subjects, buildings of rooms and real rooms of virtual rooms that do not exist.
  private func directoryProblems(_ known: KnownNames) -> [FETFormatError] {
    var problems: [FETFormatError] = []
    for teacher in teachers {
      for subject in teacher.qualifiedSubjects ?? [] where !known.subjects.contains(subject) {
        problems.append(
          problem(
            teacher.line, "teacher \(fetQuoted(teacher.name)) is qualified for an unknown subject \(fetQuoted(subject))"
          ))
      }
    }
    for room in rooms {
      if let building = room.building, !known.buildings.contains(building) {
        problems.append(
          problem(room.line, "room \(fetQuoted(room.name)) is in an unknown building \(fetQuoted(building))"))
      }
      for set in room.realRoomSets {
        for real in set where !known.rooms.contains(real) {
          problems.append(
            problem(room.line, "virtual room \(fetQuoted(room.name)) lists an unknown real room \(fetQuoted(real))"))
        }
      }
    }
    return problems
  }

  /// Activities naming an unknown teacher, subject, students set or activity tag.
  private func activityProblems(_ known: KnownNames) -> [FETFormatError] {
    var problems: [FETFormatError] = []
    for activity in activities {
      let what = "activity \(activity.id)"
      for name in activity.teachers where !known.teachers.contains(name) {
        problems.append(problem(activity.line, "\(what) names an unknown teacher \(fetQuoted(name))"))
      }
      if !known.subjects.contains(activity.subject) {
        problems.append(problem(activity.line, "\(what) names an unknown subject \(fetQuoted(activity.subject))"))
      }
      for name in activity.students where !known.students.contains(name) {
        problems.append(problem(activity.line, "\(what) names an unknown students set \(fetQuoted(name))"))
      }
      for name in activity.activityTags where !known.tags.contains(name) {
        problems.append(problem(activity.line, "\(what) names an unknown activity tag \(fetQuoted(name))"))
      }
    }
    return problems
  }

  /// The fields of a constraint that name something that does not exist (an empty value names
  /// nothing).
  private func fieldProblems(of constraint: FETConstraint, _ known: KnownNames) -> [FETFormatError] {
    var problems: [FETFormatError] = []
    for field in constraint.fields where !field.value.isEmpty {
      guard let kind = ReferenceKind.of(field: field.name) else { continue }
      let isKnown: Bool
      switch kind {
      case .teacher: isKnown = known.teachers.contains(field.value)
      case .studentsSet: isKnown = known.students.contains(field.value)
      case .subject: isKnown = known.subjects.contains(field.value)
      case .activityTag: isKnown = known.tags.contains(field.value)
      case .room: isKnown = known.rooms.contains(field.value)
      case .day: isKnown = known.days.contains(field.value)
      case .hour: isKnown = known.hours.contains(field.value)
      case .activity:
        guard let id = Int(field.value.trimmingCharacters(in: .whitespacesAndNewlines)) else {
          problems.append(
            problem(
              field.line,
              "\(field.name) of \(constraint.kind): expected a whole number, found \(fetQuoted(field.value))"))
          continue
        }
        isKnown = known.activities.contains(id)
      }
      if !isKnown {
        problems.append(
          problem(
            field.line,
            "\(constraint.kind) names an unknown \(kind.rawValue) \(fetQuoted(field.value)) (\(field.name))"))
      }
    }
    return problems
  }

  /// The count fields of a constraint that disagree with their lists, which FET refuses.
  private func countProblems(of constraint: FETConstraint) -> [FETFormatError] {
    var problems: [FETFormatError] = []
    for (countField, listField) in Self.constraintCounts {
      guard let count = constraint.fields.first(where: { $0.name == countField }) else { continue }
      let leaves = constraint.fields.filter { $0.name == listField && $0.block == nil }.count
      let blocks = Set(constraint.fields.filter { $0.block == listField }.compactMap(\.blockIndex)).count
      let actual = leaves + blocks
      guard let declared = Int(count.value.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        problems.append(
          problem(
            count.line, "\(countField) of \(constraint.kind): expected a whole number, found \(fetQuoted(count.value))")
        )
        continue
      }
      if declared != actual {
        problems.append(
          problem(count.line, "\(countField) of \(constraint.kind) is \(declared) but it lists \(actual) \(listField)"))
      }
    }
    return problems
  }

  /// Count fields of constraints and what they count (an element name, or a nested block name).
  static let constraintCounts: [(String, String)] = [
    ("Number_of_Activities", "Activity_Id"),
    ("Number_of_Not_Available_Times", "Not_Available_Time"),
    ("Number_of_Break_Times", "Break_Time"),
    ("Number_of_Preferred_Starting_Times", "Preferred_Starting_Time"),
    ("Number_of_Preferred_Time_Slots", "Preferred_Time_Slot"),
    ("Number_of_Selected_Time_Slots", "Selected_Time_Slot"),
    ("Number_of_Preferred_Rooms", "Preferred_Room"),
    ("Number_of_Activity_Tags", "Activity_Tag"),
    ("Number_of_Real_Rooms", "Real_Room"),
  ]
}
