/// What the transition to the next academic year did, and what is left for a person to change.
public struct YearTransitionReport: Codable, Hashable, Sendable {
  /// Old name → new name of each class that moved up ("5A" → "6A").
  public var promoted: [String: String] = [:]
  public var graduated: [String] = []
  /// Classes whose new curriculum came from a standard curriculum.
  public var fromTemplates: [String] = []
  /// Classes with no standard curriculum for their new grade: their curriculum is empty.
  public var withoutTemplate: [String] = []
  /// Assignments kept because the teacher's subject goes on in the new grade.
  public var assignmentsKept = 0
  public var assignmentsDropped = 0
  /// New classes of the entry grade (the new first grades), named as this year's were.
  public var newClasses: [String] = []
  /// Classes moved to another shift, each with the reason ("7А: shift 2 → shift 1, …").
  public var shiftChanges: [String] = []
  /// The primary teacher each new class of the entry grade takes ("1А: Есенов Т. Т., who taught
  /// 4А"): a teacher whose own class left the primary grades.
  public var primaryTeachers: [String] = []
  /// What a person must change before the new year can be timetabled, each naming the class or
  /// teacher and the setting ("10А has no standard curriculum for grade 10 …").
  public var toChange: [String] = []

  public init() {}

  enum CodingKeys: String, CodingKey {
    case promoted, graduated, fromTemplates, withoutTemplate, assignmentsKept, assignmentsDropped, newClasses,
      shiftChanges, primaryTeachers, toChange
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    promoted = try c.decodeIfPresent([String: String].self, forKey: .promoted) ?? [:]
    graduated = try c.decodeIfPresent([String].self, forKey: .graduated) ?? []
    fromTemplates = try c.decodeIfPresent([String].self, forKey: .fromTemplates) ?? []
    withoutTemplate = try c.decodeIfPresent([String].self, forKey: .withoutTemplate) ?? []
    assignmentsKept = try c.decodeIfPresent(Int.self, forKey: .assignmentsKept) ?? 0
    assignmentsDropped = try c.decodeIfPresent(Int.self, forKey: .assignmentsDropped) ?? 0
    newClasses = try c.decodeIfPresent([String].self, forKey: .newClasses) ?? []
    shiftChanges = try c.decodeIfPresent([String].self, forKey: .shiftChanges) ?? []
    primaryTeachers = try c.decodeIfPresent([String].self, forKey: .primaryTeachers) ?? []
    toChange = try c.decodeIfPresent([String].self, forKey: .toChange) ?? []
  }
}

extension Organisation {
  /// The organisation in the next academic year (переход на новый учебный год): dates a year on,
  /// classes up a grade, graduates gone, new classes of the entry grade, curricula restarted from
  /// the standard curricula of the new grades. Teachers keep their year-long assignments for
  /// subjects that go on, so a class keeps its mathematics teacher, except the primary teacher of
  /// a class leaving the 4th grade, who is free for the new first grade; period-specific plans and
  /// hand-made changes are dropped. Subjects left without a teacher get one (see
  /// `assignEntrantTeachers`).
  ///
  /// A class stays in its shift (its teachers and their rooms are that shift's) unless its new
  /// curriculum does not fit the shift's lessons a day; then it moves to a shift where it fits
  /// (the 6th grades of the second shift, 6 lessons a day, become 7th grades with 32 hours and
  /// move to the first). What cannot be settled by rule
  /// (no standard curriculum for a grade, no shift that holds a class, a subject with no free
  /// teacher) is listed in the report's `toChange`.
  public func nextYear() -> (Organisation, YearTransitionReport) {
    var report = YearTransitionReport()
    var next = self
    next.academicYear = AcademicYear(
      name: Self.nextYearName(academicYear.name), start: academicYear.start.adding(years: 1),
      end: academicYear.end.adding(years: 1))
    next.studyPeriods = studyPeriods.map {
      var p = $0
      p.start = p.start.adding(years: 1)
      p.end = p.end.adding(years: 1)
      return p
    }
    next.holidays = holidays?.map {
      var h = $0
      h.start = h.start.adding(years: 1)
      h.end = h.end.adding(years: 1)
      return h
    }
    let finalGrade = settings.effectiveFinalGrade
    var newID: [ClassID: ClassID] = [:]
    var promoted: [SchoolClass] = []
    // A final grade below every class would graduate the whole school: validation refuses it,
    // and the transition keeps the classes rather than lose them.
    let graduating = finalGrade >= 1
    if !graduating {
      report.toChange.append(
        "settings.finalGrade is \(finalGrade): set the last grade of the school (11, or 9 for a basic school)")
    }
    for schoolClass in classes {
      if graduating, schoolClass.grade >= finalGrade {
        report.graduated.append(schoolClass.name)
        continue
      }
      var moved = schoolClass
      moved.grade += 1
      // Ids that are just the class's name follow the name ("5A" becomes "6A").
      if schoolClass.id == schoolClass.name { moved.id = moved.name }
      newID[schoolClass.id] = moved.id
      report.promoted[schoolClass.name] = moved.name
      promoted.append(moved)
    }
    let entrants = entryClasses(taken: Set(promoted.map(\.id)))
    next.classes = entrants + promoted
    report.newClasses = entrants.map(\.name)
    let templates = standardCurricula ?? []
    let taughtGrades = Set(templates.map(\.grade))
    next.workingCurricula = next.classes.map { schoolClass in
      if let template = Self.template(for: schoolClass, among: templates) {
        report.fromTemplates.append(schoolClass.name)
        return Self.curriculum(for: schoolClass.id, from: template)
      }
      report.withoutTemplate.append(schoolClass.name)
      if let top = taughtGrades.max(), top < schoolClass.grade {
        report.toChange.append(
          "\(schoolClass.name) has no standard curriculum for grade \(schoolClass.grade) (the standard curricula end at grade \(top)): add one, or set settings.finalGrade to \(top) if the school ends there"
        )
      } else {
        report.toChange.append(
          "\(schoolClass.name) has no standard curriculum for grade \(schoolClass.grade): add one to standardCurricula or write its working curriculum"
        )
      }
      return WorkingCurriculum(class: schoolClass.id, entries: [])
    }
    let newSubjects = Dictionary(
      next.workingCurricula.map { ($0.class, Set($0.entries.map(\.subject))) }, uniquingKeysWith: { a, _ in a })
    let leavingPrimary = primaryTeachersOfLeavingClasses()
    next.assignments = assignments.compactMap { assignment in
      guard assignment.period == nil, let id = newID[assignment.class],
        newSubjects[id]?.contains(assignment.subject) == true,
        !assignment.teachers.contains(where: { leavingPrimary.contains(ClassTeacherPair(assignment.class, $0)) })
      else {
        report.assignmentsDropped += 1
        return nil
      }
      var kept = assignment
      kept.class = id
      report.assignmentsKept += 1
      return kept
    }
    next.streams = streams?.compactMap { stream in
      let moved = stream.classes.compactMap { newID[$0] }
      guard stream.period == nil, moved.count == stream.classes.count,
        moved.allSatisfy({ newSubjects[$0]?.contains(stream.subject) == true })
      else { return nil }
      var kept = stream
      kept.classes = moved
      return kept
    }
    next.distributionOverrides = nil
    next.placeInShifts(report: &report)
    next.assignEntrantTeachers(entrants, lastYear: self, report: &report)
    return (next, report)
  }

  /// The last grade of primary school (начальная школа / бастауыш): after it subject teachers take
  /// over, and the class's primary teacher goes back to the entry grade.
  static let lastPrimaryGrade = 4

  /// Primary teachers of the classes that leave primary school: teachers who taught three or
  /// more subjects of a class of the last primary grade. Their assignments do not follow the class.
  func primaryTeachersOfLeavingClasses() -> Set<ClassTeacherPair> {
    var subjects: [ClassTeacherPair: Int] = [:]
    let leaving = Set(classes.filter { $0.grade == Self.lastPrimaryGrade }.map(\.id))
    for a in assignments where leaving.contains(a.class) {
      for t in Set(a.teachers) { subjects[ClassTeacherPair(a.class, t), default: 0] += 1 }
    }
    return Set(subjects.filter { $0.value >= 3 }.keys)
  }

  /// "2025-2026" → "2026-2027"; "2025/26" → "2026/27".
  static func nextYearName(_ name: String) -> String {
    var result = ""
    var digits = ""
    func flush() {
      if let n = Int(digits) { result += String(n + 1).paddingLeft(to: digits.count) } else { result += digits }
      digits = ""
    }
    for ch in name {
      if ch.isASCII, ch.isNumber {
        digits.append(ch)
      } else {
        flush()
        result.append(ch)
      }
    }
    flush()
    return result
  }
}

/// A class and one of its teachers.
struct ClassTeacherPair: Hashable {
  let schoolClass: ClassID
  let teacher: TeacherID
  init(_ schoolClass: ClassID, _ teacher: TeacherID) {
    self.schoolClass = schoolClass
    self.teacher = teacher
  }
}

extension String {
  func paddingLeft(to width: Int) -> String {
    count >= width ? String(suffix(width)) : String(repeating: "0", count: width - count) + self
  }
}
