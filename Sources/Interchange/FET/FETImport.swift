import Foundation
import Planner

/// What an import from FET kept, approximated and left out. Nothing is dropped silently: every
/// constraint kind the importer does not support is listed by name with its count.
public struct FETImportReport: Codable, Sendable {
  /// Constraints imported, by FET kind.
  public var supported: [String: Int] = [:]
  /// Constraints not imported, by FET kind.
  public var unsupported: [String: Int] = [:]
  /// Inactive constraints (FET ignores them too).
  public var inactive = 0
  /// Activities FET marks inactive (not placed).
  public var inactiveActivities = 0
  /// Where the import had to approximate FET.
  public var notes: [String] = []
  /// For activities placed in a FET virtual room: the virtual room (to write it back to FET).
  public var virtualRooms: [String: String] = [:]
  /// The soft weight from which a rule imported from this file counts as nearly hard: the weight
  /// the import gives FET's 95% (`FETImport.strongPercentage`; 19). A FET file's 95% rules are
  /// ones FET nearly always keeps, so a solve of a FET file stops at its first timetable only once
  /// every soft rule of this weight or more is kept too (`SolveSettings.strongSoftWeight`; see
  /// docs/fet-import.md). Nil only in a report decoded from JSON written before it was recorded.
  public var strongSoftWeight: Int?

  /// Whether every active constraint of the file was imported.
  public var isComplete: Bool { unsupported.isEmpty }

  /// A short readable account.
  public var summary: String {
    var lines: [String] = []
    let imported = supported.values.reduce(0, +)
    lines.append("imported \(imported) constraints of \(supported.count) kinds")
    if unsupported.isEmpty {
      lines.append("every constraint is supported")
    } else {
      lines.append(
        "not supported (left out): "
          + unsupported.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }.joined(separator: ", "))
    }
    if inactive > 0 { lines.append("\(inactive) inactive constraints ignored, as FET does") }
    if inactiveActivities > 0 { lines.append("\(inactiveActivities) inactive activities not placed, as FET does") }
    lines += notes
    return lines.joined(separator: "\n")
  }
}

/// A FET file that cannot be imported: a mode, a size or references that do not hold.
public struct FETImportError: Error, CustomStringConvertible, Sendable {
  public var problems: [FETFormatError]
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Imports a FET file into Sabaq's model.
///
/// - Days and hours become the time grid: up to seven days are weekdays, longer cycles numbered
///   days (`d1` …), with FET's names kept for display; hours are the periods of one shift.
/// - Years, groups and subgroups become student sets (a subgroup is a student unit; a set with
///   members is made of them; FET's names are shared across years).
/// - Each active (sub)activity is one activity placed once a week, with its teachers, students,
///   duration and tags; its id is FET's id.
/// - Rooms and buildings are kept; a room constraint at 100% makes the activity's room
///   requirement (activity, subject and tag rooms first, then home rooms of its only students set
///   or teacher, as FET chooses); below 100% the room is optional and a soft wish.
/// - Time constraints map onto the rules of docs/timetable-rules.md; the weight maps as
///   docs/fet-import.md says (100% hard; below, soft with weight w / (100 − w)).
public enum FETImport {
  /// The kinds of FET constraints the importer maps (each to a rule or to room requirements): the
  /// keys of its one table of importers.
  public static var supportedKinds: Set<String> {
    Set(Mapper.importers.keys).union(Mapper.activityImporters.keys)
      .union(Mapper.resourceImporters.keys)
  }

  /// Reads and imports a `.fet` file.
  public static func read(path: String) throws -> (Organisation, FETImportReport) {
    try organisation(from: FETReader.read(path: path))
  }

  /// FET's weight from which its rules count as nearly hard: FET's users rely on its 95% rules
  /// (95% is, for one, its default for min days between activities). Its soft weight is the
  /// report's `strongSoftWeight`.
  public static let strongPercentage: Double = 95

  /// The soft weight of a FET weight below 100%: the odds w / (100 − w), at least 1 (50% → 1,
  /// 90% → 9, 95% → 19, 99% → 99).
  public static func weight(_ percentage: Double) -> ConstraintWeight {
    if percentage >= 100 { return .hard }
    return .soft(max(1, min(100_000, Int((percentage / (100 - percentage)).rounded()))))
  }

  public static func organisation(from document: FETDocument) throws -> (Organisation, FETImportReport) {
    var mapper = Mapper(document: document)
    return try mapper.run()
  }

  struct Mapper {
    let document: FETDocument
    var report = FETImportReport()
    var problems: [FETFormatError] = []
    var dayKey: [String: Weekday] = [:]
    var hourNumber: [String: Int] = [:]
    var activities: [FETActivity] = []
    /// The ids of the active activities: FET ignores the inactive ones in constraints too.
    var activeIDs: Set<Int> = []
    /// Constraints left out because they name an inactive activity where every one counts.
    var namingInactive = 0
    var constraints: [TimetableConstraint] = []
    /// Room constraints per activity id: preferred (activity, subject, tag) and home rooms.
    var preferredHard: [Int: [Set<String>]] = [:]
    var preferredSoft: [Int: [(Set<String>, ConstraintWeight)]] = [:]
    var homeHard: [Int: [Set<String>]] = [:]
    var homeSoft: [Int: [(Set<String>, ConstraintWeight)]] = [:]
    /// The real rooms a 100% activity preferred room names for its virtual room (`Real_Room`),
    /// one list per constraint: FET then takes these real rooms, one from each set.
    var preferredRealRooms: [Int: [Set<String>]] = [:]

    /// The sets of real rooms of each virtual room, by its name.
    let virtualRooms: [String: [[String]]]
    /// FET's years, groups and subgroups as student sets (names are global in FET, so a set
    /// listed twice is one set, with the members of both).
    let studentSets: [StudentSet]
    /// The student units of every students set: FET's filters select the activities whose
    /// students share students with the named set.
    let unitsOfSet: [String: Set<String>]

    init(document: FETDocument) {
      self.document = document
      var sets: [StudentSetID: StudentSet] = [:]
      var order: [StudentSetID] = []
      func add(_ id: String, _ kind: StudentSet.Kind, _ students: Int, _ members: [String]) {
        if var existing = sets[id] {
          let merged = (existing.members ?? []) + members.filter { !(existing.members ?? []).contains($0) }
          existing.members = merged.isEmpty ? nil : merged
          sets[id] = existing
        } else {
          sets[id] = StudentSet(id: id, kind: kind, students: students, members: members.isEmpty ? nil : members)
          order.append(id)
        }
      }
      for year in document.years {
        add(year.name, .year, year.numberOfStudents, year.groups.map(\.name))
        for group in year.groups {
          add(group.name, .group, group.numberOfStudents, group.subgroups.map(\.name))
          for subgroup in group.subgroups { add(subgroup.name, .subgroup, subgroup.numberOfStudents, []) }
        }
      }
      studentSets = order.map { sets[$0]! }
      unitsOfSet = StudentSet.units(of: studentSets).mapValues(Set.init)
      virtualRooms = Dictionary(
        document.rooms.filter(\.isVirtual).map { ($0.name, $0.realRoomSets) }, uniquingKeysWith: { a, _ in a })
    }

    func error(_ line: Int?, _ message: String) -> FETFormatError {
      FETFormatError(file: document.source, line: line, message: message)
    }

    mutating func run() throws -> (Organisation, FETImportReport) {
      guard document.mode == .official else {
        throw FETImportError(problems: [
          error(nil, "the file is in FET's \(document.mode.rawValue) mode; only the Official mode can be imported")
        ])
      }
      guard !document.days.isEmpty, document.days.count <= 64 else {
        throw FETImportError(problems: [error(nil, "expected 1 to 64 days, found \(document.days.count)")])
      }
      let hours = NumberRanges.lessonsPerDay
      guard hours.contains(document.hours.count) else {
        throw FETImportError(problems: [
          error(nil, "expected \(hours.lowerBound) to \(hours.upperBound) hours a day, found \(document.hours.count)")
        ])
      }
      let references = document.referenceProblems()
      guard references.isEmpty else { throw FETImportError(problems: references) }
      let cycle = document.days.count > 7
      for (i, name) in document.days.enumerated() where dayKey[name] == nil {
        dayKey[name] = cycle ? .cycleDay(i + 1) : Weekday.allCases[i]
      }
      for (i, name) in document.hours.enumerated() where hourNumber[name] == nil { hourNumber[name] = i + 1 }
      report.strongSoftWeight = FETImport.weight(FETImport.strongPercentage).softWeight
      activities = document.activities.filter(\.active)
      activeIDs = Set(activities.map(\.id))
      report.inactiveActivities = document.activities.count - activities.count

      for constraint in document.timeConstraints + document.spaceConstraints {
        guard constraint.active else {
          report.inactive += 1
          continue
        }
        guard
          let importer = Self.importers[constraint.kind] ?? Self.activityImporters[constraint.kind]
            ?? Self.resourceImporters[constraint.kind]
        else {
          report.unsupported[constraint.kind, default: 0] += 1
          continue
        }
        guard constraint.weight > 0 || constraint.kind == "ConstraintMinDaysBetweenActivities" else {
          report.supported[constraint.kind, default: 0] += 1
          continue  // a weight of 0% has no effect
        }
        do {
          try importer(&self, constraint)
          report.supported[constraint.kind, default: 0] += 1
        } catch let failure as FETFormatError {
          problems.append(failure)
        }
      }
      guard problems.isEmpty else { throw FETImportError(problems: problems) }
      if namingInactive > 0 {
        report.notes.append(
          "\(namingInactive) constraints on pairs or triples of activities name an inactive one and are ignored, as FET does"
        )
      }
      return (buildOrganisation(), report)
    }

    // MARK: - Time

    func slots(_ constraint: FETConstraint, day: String, hour: String) throws -> [TimeSlot] {
      try constraint.timeSlots(dayField: day, hourField: hour).map { pair in
        guard let d = dayKey[pair.day], let h = hourNumber[pair.hour] else {
          throw error(constraint.line, "\(constraint.kind): no day \"\(pair.day)\" or hour \"\(pair.hour)\"")
        }
        return TimeSlot(day: d, period: h)
      }
    }

    func number(_ constraint: FETConstraint, _ field: String) throws -> Int {
      guard let value = try constraint.int(field) else {
        throw error(constraint.line, "\(constraint.kind): the field \(field) is missing")
      }
      return value
    }

    func flag(_ constraint: FETConstraint, _ field: String, default value: Bool) throws -> Bool {
      try constraint.bool(field) ?? value
    }

    /// The active activities the constraint lists by id (FET drops the inactive ones from it).
    func ids(_ constraint: FETConstraint, _ field: String = "Activity_Id") throws -> [String] {
      try constraint.ints(field).filter(activeIDs.contains).map(String.init)
    }

    /// The active activities a filter selects (teacher, students set, subject, activity tag and
    /// duration; an empty field selects any), as FET's "Activities …" constraints do.
    func filtered(_ constraint: FETConstraint) throws -> [String] {
      let teacher = constraint.string("Teacher_Name") ?? ""
      let students = constraint.string("Students_Name") ?? ""
      let subject = constraint.string("Subject_Name") ?? ""
      let tag = constraint.string("Activity_Tag_Name") ?? ""
      let duration = (constraint.string("Duration")).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
      let named = students.isEmpty ? [] : unitsOfSet[students] ?? [students]
      return activities.filter { a in
        (teacher.isEmpty || a.teachers.contains(teacher))
          && (students.isEmpty || a.students.contains { !named.isDisjoint(with: unitsOfSet[$0] ?? [$0]) })
          && (subject.isEmpty || a.subject == subject) && (tag.isEmpty || a.activityTags.contains(tag))
          && (duration < 1 || a.duration == duration)
      }.map { String($0.id) }
    }

    func optionalName(_ constraint: FETConstraint, _ field: String) -> String? {
      constraint.string(field)
    }

    /// Adds the rule with the constraint's weight. A rule whose lessons were listed by id holds
    /// only the active ones (`ids`); one that names an inactive activity where each counts (two or
    /// three activities consecutive, grouped, ordered) is left out, as FET leaves it out.
    mutating func add(_ rule: ConstraintRule, _ constraint: FETConstraint) {
      guard constraint.weight > 0 else { return }
      if rule.references.lessons.contains(where: { Int($0).map { !activeIDs.contains($0) } ?? false }) {
        namingInactive += 1
        return
      }
      constraints.append(TimetableConstraint(rule, weight: FETImport.weight(constraint.weight)))
    }

    /// How each FET kind the importer supports becomes rules or room requirements: the one list
    /// of supported kinds (a kind not in it is reported as unsupported, by name and count).
    typealias Importer = @Sendable (inout Mapper, FETConstraint) throws -> Void
    static let importers: [String: Importer] = [
      "ConstraintBasicCompulsoryTime": { _, _ in },
      "ConstraintBasicCompulsorySpace": { _, _ in },
      "ConstraintBreakTimes": { m, c in m.add(.breakTimes(slots: try m.slots(c, day: "Day", hour: "Hour")), c) },
      "ConstraintTeacherNotAvailableTimes": { m, c in
        m.add(
          .teacherNotAvailable(teacher: c.string("Teacher") ?? "", slots: try m.slots(c, day: "Day", hour: "Hour")), c)
      },
      "ConstraintStudentsSetNotAvailableTimes": { m, c in
        m.add(
          .studentsNotAvailable(students: c.string("Students") ?? "", slots: try m.slots(c, day: "Day", hour: "Hour")),
          c)
      },
      "ConstraintRoomNotAvailableTimes": { m, c in
        m.add(.roomNotAvailable(room: c.string("Room") ?? "", slots: try m.slots(c, day: "Day", hour: "Hour")), c)
      },
      "ConstraintActivityPreferredStartingTime": { m, c in
        m.add(
          .preferredStartingTimes(
            lessons: try m.ids(c), slots: try m.slots(c, day: "Preferred_Day", hour: "Preferred_Hour")), c)
      },
      "ConstraintActivityPreferredStartingTimes": { m, c in
        m.add(
          .preferredStartingTimes(
            lessons: try m.ids(c), slots: try m.slots(c, day: "Preferred_Starting_Day", hour: "Preferred_Starting_Hour")
          ), c)
      },
      "ConstraintActivitiesPreferredStartingTimes": { m, c in
        m.add(
          .preferredStartingTimes(
            lessons: try m.filtered(c),
            slots: try m.slots(c, day: "Preferred_Starting_Day", hour: "Preferred_Starting_Hour")), c)
      },
      "ConstraintActivityPreferredTimeSlots": { m, c in
        m.add(
          .preferredTimeSlots(
            lessons: try m.ids(c), slots: try m.slots(c, day: "Preferred_Day", hour: "Preferred_Hour")), c)
      },
      "ConstraintActivitiesPreferredTimeSlots": { m, c in
        m.add(
          .preferredTimeSlots(
            lessons: try m.filtered(c), slots: try m.slots(c, day: "Preferred_Day", hour: "Preferred_Hour")), c)
      },
      "ConstraintMinDaysBetweenActivities": { m, c in
        // FET keeps "consecutive if same day" whatever the weight: two of the lessons on one day
        // must be adjacent (a weight of 0% asks for that alone).
        // Nor does it ever let a third of them onto a day that already has two (FET 6.4 and later;
        // below 100%, since at 100% no two share a day): at most two a day, a hard rule.
        let lessons = try m.ids(c)
        let minDays = try m.number(c, "MinDays")
        if try m.flag(c, "Consecutive_If_Same_Day", default: false) {
          m.constraints.append(TimetableConstraint(.consecutiveIfSameDay(lessons: lessons), weight: .hard))
        }
        if c.weight < 100, minDays >= 1, lessons.count >= 3 {
          m.constraints.append(TimetableConstraint(.lessonsMaxPerDay(lessons: lessons, max: 2), weight: .hard))
        }
        m.add(.minDaysBetween(lessons: lessons, minDays: minDays, consecutiveIfSameDay: false), c)
      },
      "ConstraintActivitiesSameStartingTime": { m, c in m.add(.sameStartingTime(lessons: try m.ids(c)), c) },
      "ConstraintActivitiesNotOverlapping": { m, c in m.add(.notOverlapping(lessons: try m.ids(c)), c) },
      "ConstraintTwoActivitiesConsecutive": { m, c in
        m.add(
          .consecutive(
            first: String(try m.number(c, "First_Activity_Id")), second: String(try m.number(c, "Second_Activity_Id"))),
          c)
      },
      "ConstraintTwoActivitiesGrouped": { m, c in
        m.add(
          .grouped(lessons: [
            String(try m.number(c, "First_Activity_Id")), String(try m.number(c, "Second_Activity_Id")),
          ]), c)
      },
      "ConstraintThreeActivitiesGrouped": { m, c in
        m.add(
          .grouped(lessons: [
            String(try m.number(c, "First_Activity_Id")), String(try m.number(c, "Second_Activity_Id")),
            String(try m.number(c, "Third_Activity_Id")),
          ]), c)
      },
      "ConstraintActivityEndsStudentsDay": { m, c in m.add(.endsStudentsDay(lessons: try m.ids(c)), c) },
      "ConstraintActivitiesEndStudentsDay": { m, c in m.add(.endsStudentsDay(lessons: try m.filtered(c)), c) },
      "ConstraintStudentsMaxGapsPerWeek": { m, c in
        m.add(.studentsMaxGapsPerWeek(students: nil, max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintStudentsSetMaxGapsPerWeek": { m, c in
        m.add(.studentsMaxGapsPerWeek(students: c.string("Students") ?? "", max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintStudentsMaxGapsPerDay": { m, c in
        m.add(.studentsMaxGapsPerDay(students: nil, max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintStudentsSetMaxGapsPerDay": { m, c in
        m.add(.studentsMaxGapsPerDay(students: c.string("Students") ?? "", max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintStudentsEarlyMaxBeginningsAtSecondHour": { m, c in
        m.add(
          .studentsEarlyMaxBeginningsAtSecondHour(students: nil, max: try m.number(c, "Max_Beginnings_At_Second_Hour")),
          c)
      },
      "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour": { m, c in
        m.add(
          .studentsEarlyMaxBeginningsAtSecondHour(
            students: c.string("Students") ?? "", max: try m.number(c, "Max_Beginnings_At_Second_Hour")), c)
      },
      "ConstraintStudentsMaxHoursDaily": { m, c in
        m.add(.studentsMaxHoursDaily(students: nil, max: try m.number(c, "Maximum_Hours_Daily")), c)
      },
      "ConstraintStudentsSetMaxHoursDaily": { m, c in
        m.add(
          .studentsMaxHoursDaily(students: c.string("Students") ?? "", max: try m.number(c, "Maximum_Hours_Daily")), c)
      },
      "ConstraintStudentsMinHoursDaily": { m, c in
        m.add(
          .studentsMinHoursDaily(
            students: nil, min: try m.number(c, "Minimum_Hours_Daily"),
            allowEmptyDays: try m.flag(c, "Allow_Empty_Days", default: false)), c)
      },
      "ConstraintStudentsSetMinHoursDaily": { m, c in
        m.add(
          .studentsMinHoursDaily(
            students: c.string("Students") ?? "", min: try m.number(c, "Minimum_Hours_Daily"),
            allowEmptyDays: try m.flag(c, "Allow_Empty_Days", default: false)), c)
      },
      "ConstraintStudentsMaxHoursContinuously": { m, c in
        m.add(.studentsMaxHoursContinuously(students: nil, max: try m.number(c, "Maximum_Hours_Continuously")), c)
      },
      "ConstraintStudentsSetMaxHoursContinuously": { m, c in
        m.add(
          .studentsMaxHoursContinuously(
            students: c.string("Students") ?? "", max: try m.number(c, "Maximum_Hours_Continuously")), c)
      },
      "ConstraintTeachersMaxGapsPerWeek": { m, c in
        m.add(.teachersMaxGapsPerWeek(teacher: nil, max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintTeacherMaxGapsPerWeek": { m, c in
        m.add(.teachersMaxGapsPerWeek(teacher: c.string("Teacher_Name") ?? "", max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintTeachersMaxGapsPerDay": { m, c in
        m.add(.teachersMaxGapsPerDay(teacher: nil, max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintTeacherMaxGapsPerDay": { m, c in
        m.add(.teachersMaxGapsPerDay(teacher: c.string("Teacher_Name") ?? "", max: try m.number(c, "Max_Gaps")), c)
      },
      "ConstraintTeachersMaxHoursDaily": { m, c in
        m.add(.teachersMaxHoursDaily(teacher: nil, max: try m.number(c, "Maximum_Hours_Daily")), c)
      },
      "ConstraintTeacherMaxHoursDaily": { m, c in
        m.add(
          .teachersMaxHoursDaily(teacher: c.string("Teacher_Name") ?? "", max: try m.number(c, "Maximum_Hours_Daily")),
          c)
      },
      "ConstraintTeachersMinHoursDaily": { m, c in
        m.add(
          .teachersMinHoursDaily(
            teacher: nil, min: try m.number(c, "Minimum_Hours_Daily"),
            allowEmptyDays: try m.flag(c, "Allow_Empty_Days", default: true)), c)
      },
      "ConstraintTeacherMinHoursDaily": { m, c in
        m.add(
          .teachersMinHoursDaily(
            teacher: c.string("Teacher_Name") ?? "", min: try m.number(c, "Minimum_Hours_Daily"),
            allowEmptyDays: try m.flag(c, "Allow_Empty_Days", default: true)), c)
      },
      "ConstraintTeachersMaxDaysPerWeek": { m, c in
        m.add(.teachersMaxDaysPerWeek(teacher: nil, max: try m.number(c, "Max_Days_Per_Week")), c)
      },
      "ConstraintTeacherMaxDaysPerWeek": { m, c in
        m.add(
          .teachersMaxDaysPerWeek(teacher: c.string("Teacher_Name") ?? "", max: try m.number(c, "Max_Days_Per_Week")), c
        )
      },
      "ConstraintTeachersMinDaysPerWeek": { m, c in
        m.add(.teachersMinDaysPerWeek(teacher: nil, min: try m.number(c, "Minimum_Days_Per_Week")), c)
      },
      "ConstraintTeacherMinDaysPerWeek": { m, c in
        m.add(
          .teachersMinDaysPerWeek(
            teacher: c.string("Teacher_Name") ?? "", min: try m.number(c, "Minimum_Days_Per_Week")), c)
      },
      "ConstraintTeachersMaxHoursContinuously": { m, c in
        m.add(.teachersMaxHoursContinuously(teacher: nil, max: try m.number(c, "Maximum_Hours_Continuously")), c)
      },
      "ConstraintTeacherMaxHoursContinuously": { m, c in
        m.add(
          .teachersMaxHoursContinuously(
            teacher: c.string("Teacher_Name") ?? "", max: try m.number(c, "Maximum_Hours_Continuously")), c)
      },
      "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection": { m, c in
        m.add(
          .occupyMaxSlotsFromSelection(
            lessons: try m.ids(c), slots: try m.slots(c, day: "Selected_Day", hour: "Selected_Hour"),
            max: try m.number(c, "Max_Number_of_Occupied_Time_Slots")), c)
      },
      "ConstraintActivityPreferredRoom": { m, c in try m.mapRoom(c, .activity) },
      "ConstraintActivityPreferredRooms": { m, c in try m.mapRoom(c, .activity) },
      "ConstraintSubjectPreferredRoom": { m, c in try m.mapRoom(c, .subject) },
      "ConstraintSubjectPreferredRooms": { m, c in try m.mapRoom(c, .subject) },
      "ConstraintActivityTagPreferredRoom": { m, c in try m.mapRoom(c, .activityTag) },
      "ConstraintActivityTagPreferredRooms": { m, c in try m.mapRoom(c, .activityTag) },
      "ConstraintSubjectActivityTagPreferredRoom": { m, c in try m.mapRoom(c, .subjectActivityTag) },
      "ConstraintSubjectActivityTagPreferredRooms": { m, c in try m.mapRoom(c, .subjectActivityTag) },
      "ConstraintStudentsSetHomeRoom": { m, c in try m.mapRoom(c, .studentsSetHome) },
      "ConstraintStudentsSetHomeRooms": { m, c in try m.mapRoom(c, .studentsSetHome) },
      "ConstraintTeacherHomeRoom": { m, c in try m.mapRoom(c, .teacherHome) },
      "ConstraintTeacherHomeRooms": { m, c in try m.mapRoom(c, .teacherHome) },
    ]

    // MARK: - The organisation

    mutating func buildOrganisation() -> Organisation {
      let days = document.days.map { dayKey[$0]! }
      let start = SchoolDate(year: 2025, month: 9, day: 1)!
      let end = SchoolDate(year: 2026, month: 5, day: 31)!
      let name =
        document.institutionName.isEmpty
        ? URL(fileURLWithPath: document.source).deletingPathExtension().lastPathComponent : document.institutionName
      var organisation = Organisation(
        id: Self.slug(URL(fileURLWithPath: document.source).deletingPathExtension().lastPathComponent), name: name,
        kind: .school,
        settings: OrganisationSettings(schoolDays: days),
        rules: TimetableRules(
          compactClassDays: false, subjectOncePerDay: false, doublesAcrossLongBreak: true,
          weights: SoftWeights(
            teacherGaps: 0, teacherDaysOff: 0, teacherMaxLessonsPerDay: 0, subjectSpread: 0, difficultFirstLast: 0,
            teacherRoomChanges: 0, studentGaps: 0)),
        academicYear: AcademicYear(name: "FET", start: start, end: end),
        studyPeriods: [StudyPeriod(id: "T", name: "Timetable", kind: .other, start: start, end: end)],
        shifts: [
          Shift(id: "1", name: "Day", firstPeriod: 1, lessonsPerDay: document.hours.count, periodNames: document.hours)
        ],
        subjects: document.subjects.map { Subject(id: subjectID($0.name), name: subjectID($0.name)) },
        buildings: document.buildings.isEmpty ? nil : document.buildings.map { Building(id: $0.name, name: $0.name) },
        rooms: document.rooms.filter { !$0.isVirtual }.map {
          Room(
            id: $0.name, name: $0.name, building: $0.building, type: .classroom,
            capacity: max(1, min($0.capacity ?? 30000, 30000)))
        },
        teachers: document.teachers.map { Teacher(id: $0.name, name: $0.name, subjects: $0.qualifiedSubjects ?? []) },
        classes: [])
      organisation.settings.dayNames = document.days
      organisation.studentSets = studentSets
      var converted: [Activity] = []
      for activity in activities {
        let (requirements, optional, wishes) = roomRequirements(of: activity)
        converted.append(
          Activity(
            id: String(activity.id), subject: subjectID(activity.subject), teachers: activity.teachers,
            students: activity.students,
            duration: activity.duration, tags: activity.activityTags.isEmpty ? nil : activity.activityTags,
            group: activity.activityGroupID == 0 ? nil : String(activity.activityGroupID),
            size: activity.numberOfStudents,
            rooms: requirements.isEmpty ? nil : requirements,
            roomsOptional: optional && !requirements.isEmpty ? true : nil))
        for (rooms, weight) in wishes {
          constraints.append(
            TimetableConstraint(
              .preferredRooms(lessons: [String(activity.id)], rooms: realRooms(rooms)), weight: weight))
        }
      }
      organisation.activities = converted
      organisation.constraints = constraints
      return organisation
    }

    /// A subject's id: FET's name, or a name of its own for a subject named only by blanks.
    func subjectID(_ name: String) -> String {
      name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "(subject without a name)" : name
    }

    static func slug(_ text: String) -> String {
      let allowed = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
      return String(allowed).split(separator: "-").joined(separator: "-")
    }
  }
}
