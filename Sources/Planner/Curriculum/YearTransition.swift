/// What the transition to the next academic year did.
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

  public init() {}
}

extension Organisation {
  /// The organisation in the next academic year (переход на новый учебный год): dates a year on,
  /// classes up a grade, graduates gone, curricula restarted from the standard curricula of the
  /// new grades. Teachers keep their year-long assignments for subjects that go on, so a class
  /// keeps its mathematics teacher; period-specific plans and hand-made changes are dropped.
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
    for schoolClass in classes {
      if schoolClass.grade >= finalGrade {
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
    next.classes = promoted
    let templates = standardCurricula ?? []
    next.workingCurricula = promoted.map { schoolClass in
      if let template = Self.template(for: schoolClass, among: templates) {
        report.fromTemplates.append(schoolClass.name)
        return Self.curriculum(for: schoolClass.id, from: template)
      }
      report.withoutTemplate.append(schoolClass.name)
      return WorkingCurriculum(class: schoolClass.id, entries: [])
    }
    let newSubjects = Dictionary(
      next.workingCurricula.map { ($0.class, Set($0.entries.map(\.subject))) }, uniquingKeysWith: { a, _ in a })
    next.assignments = assignments.compactMap { assignment in
      guard assignment.period == nil, let id = newID[assignment.class],
        newSubjects[id]?.contains(assignment.subject) == true
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
    return (next, report)
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

extension String {
  func paddingLeft(to width: Int) -> String {
    count >= width ? String(suffix(width)) : String(repeating: "0", count: width - count) + self
  }
}
