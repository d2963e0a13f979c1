import Planner

/// A readable summary of the lesson demand of a period: per class the lessons to place each
/// week, with teachers, groups, durations, week patterns and rooms allowed.
public struct DemandReport: Sendable {
  public var problem: TimetableProblem

  public init(problem: TimetableProblem) { self.problem = problem }

  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .json: return reportJSON(problem)
    case .csv:
      return CSVTable.render(
        header: [
          "id", "classes", "subject", "group", "teachers", "students", "size", "duration", "weeks", "partner", "rooms",
        ],
        rows: problem.lessons.map { l in
          [
            l.id, l.classes.joined(separator: "+"), l.subject, l.group, l.teachers.joined(separator: "+"),
            l.students.joined(separator: " "), String(l.size), String(l.duration), l.weeks.rawValue, l.partner ?? "",
            l.rooms.map { $0.allowed.joined(separator: "|") }.joined(separator: " + "),
          ]
        })
    case .text:
      let teacherNames = Dictionary(problem.teachers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      let subjectNames = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      var out =
        "Lesson demand of \(problem.name), period \(problem.period ?? "—"): \(problem.lessons.count) lessons a week, "
      out += "\(problem.lessons.reduce(0) { $0 + $1.duration }) lesson-periods, \(problem.constraints.count) rules\n"
      for schoolClass in problem.classes {
        let lessons = problem.lessons.filter { $0.classes.first == schoolClass.id }
        let periods = lessons.filter { $0.weeks != .even }.reduce(0) { $0 + $1.duration }
        out +=
          "\n\(schoolClass.name): \(lessons.count) lessons, \(periods) periods a week (max \(schoolClass.maxLessonsPerDay) a day, periods \(schoolClass.firstPeriod)–\(schoolClass.lastPeriod))\n"
        var table = TextTable(header: ["Lesson", "Subject", "Group", "Teacher", "Len", "Weeks", "Rooms"])
        for l in lessons {
          let rooms = l.rooms.map { r in
            r.allowed.count > 3 ? "\(r.allowed.count) rooms" : r.allowed.joined(separator: "|")
          }
          table.add([
            l.id, subjectNames[l.subject] ?? l.subject,
            l.classes.count > 1 ? "\(l.group) (\(l.classes.joined(separator: "+")))" : l.group,
            l.teachers.isEmpty ? "— vacancy" : l.teachers.map { teacherNames[$0] ?? $0 }.joined(separator: ", "),
            String(l.duration), l.weeks == .every ? "" : l.weeks.rawValue, rooms.joined(separator: " + "),
          ])
        }
        out += table.render(indent: "  ")
      }
      return out
    }
  }
}
