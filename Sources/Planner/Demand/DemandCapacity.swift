/// Whether the lesson demand fits, by counting alone (no search): a teacher's lessons against the
/// periods they can teach, a class's lessons against its grid and its daily maximum, lessons
/// needing a kind of room against those rooms, a stream whose classes never meet, a lesson longer
/// than its shift. Each finding makes a timetable impossible; none found does not prove that one
/// exists.
///
/// Every finding is a `PlanningIssue` of severity `.error`, with a stable `code` (one per kind of
/// finding, see `Code`) and a `path` naming what it concerns in the problem (a problem is not a
/// file, so these are not JSON paths but names a user interface can link):
///
/// - `teachers/<teacher id>`
/// - `classes/<class id>` for a class as a whole, `classes/<class id>/units/<unit id>` for one of
///   its student units (a group of a split)
/// - `rooms/<room id>,<room id>,…`: the rooms (sorted by id) that some lessons must choose from;
///   nothing after `rooms/` when no room of their kind seats them
/// - `lessons/<lesson id>`
///
/// Ids are written as they are, except that `%`, `/` and `,` in an id are percent-escaped
/// (`%25`, `%2F`, `%2C`): a unit `5A/1` of class `5A` is `classes/5A/units/5A%2F1`.
public enum DemandCapacity {
  /// The stable names of the findings (`PlanningIssue.code`).
  public enum Code {
    /// A teacher has more lesson periods a week than periods they can teach. Path `teachers/…`.
    public static let teacherOverOpenPeriods = "teacher-over-open-periods"
    /// A class (or one of its units) has more lesson periods a week than its shift's open
    /// periods. Path `classes/…`.
    public static let classOverShift = "class-over-shift"
    /// A class (or one of its units) has more lesson periods a week than its daily maximum over
    /// the week allows. Path `classes/…`.
    public static let classOverDailyMaximum = "class-over-daily-maximum"
    /// Lessons that must choose from one set of rooms (or a part of it) need more periods than
    /// those rooms are free. Path `rooms/…`.
    public static let roomsTooFew = "rooms-too-few"
    /// A lesson needs a room but no room of its kind seats its students. Path `lessons/…`.
    public static let noRoomSeatsGroup = "no-room-seats-group"
    /// A lesson of several classes (a stream) whose classes' shifts share too few periods for it.
    /// Path `lessons/…`.
    public static let streamClassesNeverMeet = "stream-classes-never-meet"
    /// A lesson longer than its class's shift. Path `lessons/…`.
    public static let lessonLongerThanShift = "lesson-longer-than-shift"

    /// Every code, in the order the findings are listed.
    public static let all = [
      teacherOverOpenPeriods, classOverShift, classOverDailyMaximum, roomsTooFew, noRoomSeatsGroup,
      streamClassesNeverMeet,
      lessonLongerThanShift, lessonsOverDays, teacherOverDays,
    ]
  }

  /// The paths of the findings (see `DemandCapacity`).
  public enum Path {
    public static func teacher(_ id: TeacherID) -> String { "teachers/\(escaped(id))" }
    /// A class, or one of its student units when `unit` is given and is not the class itself.
    public static func schoolClass(_ id: ClassID, unit: String? = nil) -> String {
      guard let unit, unit != id else { return "classes/\(escaped(id))" }
      return "classes/\(escaped(id))/units/\(escaped(unit))"
    }
    public static func rooms(_ ids: [RoomID]) -> String { "rooms/" + ids.sorted().map(escaped).joined(separator: ",") }
    public static func lesson(_ id: String) -> String { "lessons/\(escaped(id))" }

    /// An id with `%`, `/` and `,` percent-escaped.
    static func escaped(_ id: String) -> String {
      var text = ""
      for character in id {
        switch character {
        case "%": text += "%25"
        case "/": text += "%2F"
        case ",": text += "%2C"
        default: text.append(character)
        }
      }
      return text
    }
  }

  /// Findings that make a timetable of the problem impossible, in sentences a deputy director
  /// understands: teachers first, then classes, rooms and lessons. Empty when counting finds none.
  public static func issues(in problem: TimetableProblem) -> [PlanningIssue] {
    let context = Context(problem)
    let teachers = teacherFindings(context)
    return teachers + classFindings(context) + roomFindings(context) + lessonFindings(context)
      + dayFindings(in: problem, skipping: Set(teachers.map(\.path)))
  }

  /// What the findings of every kind look up: the problem's days, periods, classes and subjects.
  private struct Context {
    let problem: TimetableProblem
    let days: Int
    let periods: Int
    let dayIndex: [Weekday: Int]
    let classByID: [ClassID: ProblemClass]
    let subjectName: [SubjectID: String]

    /// The periods of the day the lessons may take: those of their classes' shifts, and every
    /// period for a lesson of no class (a meeting of teachers, in FET's files).
    func shiftPeriods(of lessons: [Lesson]) -> Set<Int> {
      if lessons.contains(where: { $0.classes.isEmpty }) { return Set(1...max(periods, 1)) }
      return Set(
        lessons.flatMap { $0.classes }.compactMap { classByID[$0] }.flatMap { Array($0.firstPeriod...$0.lastPeriod) })
    }

    init(_ problem: TimetableProblem) {
      self.problem = problem
      days = problem.days.count
      periods = problem.periodsPerDay
      dayIndex = Dictionary(
        problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
      classByID = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      subjectName = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func describe(_ lesson: Lesson) -> String {
      let classes = lesson.classes.compactMap { classByID[$0]?.name }.joined(separator: "+")
      let group = lesson.group == "whole" ? "" : " (\(lesson.group))"
      return "\(classes) \(subjectName[lesson.subject] ?? lesson.subject)\(group)"
    }

    /// Periods a week a lesson takes: half for a lesson of odd or even weeks only.
    func weeklyPeriods(_ lessons: [Lesson]) -> Double {
      lessons.reduce(0) { $0 + Double($1.duration) * ($1.weeks == .every ? 1 : 0.5) }
    }
  }

  /// Teachers with more lesson periods than periods they can teach.
  private static func teacherFindings(_ context: Context) -> [PlanningIssue] {
    let problem = context.problem
    var findings: [PlanningIssue] = []
    var lessonsOfTeacher: [TeacherID: [Lesson]] = [:]
    for lesson in problem.lessons { for t in lesson.teachers { lessonsOfTeacher[t, default: []].append(lesson) } }
    for teacher in problem.teachers {
      let lessons = lessonsOfTeacher[teacher.id] ?? []
      guard !lessons.isEmpty else { continue }
      let shifts = context.shiftPeriods(of: lessons)
      let open =
        context.days * shifts.count
        - teacher.unavailable.filter { shifts.contains($0.period) && context.dayIndex[$0.day] != nil }.count
      let needed = context.weeklyPeriods(lessons)
      if needed > Double(open) {
        findings.append(
          .error(
            Code.teacherOverOpenPeriods, at: Path.teacher(teacher.id),
            "Teacher \(teacher.name) has \(format(needed)) lesson periods a week but can teach in only \(open) periods (\(teacher.unavailable.count) of them marked unavailable): move some lessons to another teacher or free some time."
          ))
      }
    }
    return findings
  }

  /// Classes and their student units over their shift or daily maximum: the first unit over is told.
  private static func classFindings(_ context: Context) -> [PlanningIssue] {
    let problem = context.problem
    let days = context.days
    var findings: [PlanningIssue] = []
    for schoolClass in problem.classes {
      let shift = schoolClass.lastPeriod - schoolClass.firstPeriod + 1
      let open =
        days * shift
        - schoolClass.unavailable.filter { $0.period >= schoolClass.firstPeriod && $0.period <= schoolClass.lastPeriod }
        .count
      let byDay = days * min(schoolClass.maxLessonsPerDay, shift)
      for unit in schoolClass.units {
        let needed = context.weeklyPeriods(problem.lessons.filter { $0.students.contains(unit) })
        let unitName =
          unit == schoolClass.id
          ? schoolClass.name : "\(schoolClass.name) (group \(unit.split(separator: "/").last ?? ""))"
        let path = Path.schoolClass(schoolClass.id, unit: unit)
        if needed > Double(open) {
          findings.append(
            .error(
              Code.classOverShift, at: path,
              "\(unitName) has \(format(needed)) lesson periods a week but its shift holds only \(open)."))
          break
        } else if needed > Double(byDay) {
          findings.append(
            .error(
              Code.classOverDailyMaximum, at: path,
              "\(unitName) has \(format(needed)) lesson periods a week but at most \(schoolClass.maxLessonsPerDay) a day over \(days) days allows only \(byDay)."
            ))
          break
        }
      }
    }
    return findings
  }

  /// Rooms of a kind: lessons whose choice is the same set of rooms, too many for those rooms, or
  /// with no room that seats them.
  private static func roomFindings(_ context: Context) -> [PlanningIssue] {
    let problem = context.problem
    let days = context.days
    var findings: [PlanningIssue] = []
    var byRoomSet: [[RoomID]: [Lesson]] = [:]
    // An optional room (a wish below 100% in FET's files) may go unused: it needs no period.
    for lesson in problem.lessons {
      for requirement in lesson.rooms where !requirement.isOptional {
        byRoomSet[requirement.allowed.sorted(), default: []].append(lesson)
      }
    }
    let roomByID = Dictionary(problem.rooms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (rooms, lessons) in byRoomSet.sorted(by: { $0.key.joined() < $1.key.joined() }) {
      // Lessons allowed in a subset of these rooms also use them.
      let users = byRoomSet.filter { Set($0.key).isSubset(of: Set(rooms)) }.flatMap(\.value)
      let needed = context.weeklyPeriods(users)
      let open = rooms.reduce(0) { $0 + days * context.periods - (roomByID[$1]?.unavailable.count ?? 0) }
      let shiftPeriods = context.shiftPeriods(of: users)
      let usable = min(open, rooms.count * days * max(shiftPeriods.count, 1))
      if needed > Double(usable) {
        let names = rooms.compactMap { roomByID[$0]?.name }
        findings.append(
          .error(
            Code.roomsTooFew, at: Path.rooms(rooms),
            "Lessons that need \(names.count == 1 ? "the room \(names[0])" : "one of the rooms \(names.joined(separator: ", "))") take \(format(needed)) periods a week, but \(names.count == 1 ? "it is" : "they are") free for only \(usable): add a room of that kind or move some lessons (e.g. \(context.describe(lessons[0])))."
          ))
      }
      if rooms.isEmpty {
        findings.append(
          .error(
            Code.noRoomSeatsGroup, at: Path.lesson(lessons[0].id),
            "\(context.describe(lessons[0])) needs a room but no room of its kind seats its \(lessons[0].size) students."
          ))
      }
    }
    return findings
  }

  /// Lessons with nowhere to go (streams whose classes never meet, availability).
  private static func lessonFindings(_ context: Context) -> [PlanningIssue] {
    var findings: [PlanningIssue] = []
    for lesson in context.problem.lessons {
      let classes = lesson.classes.compactMap { context.classByID[$0] }
      guard !classes.isEmpty else { continue }
      let first = classes.map(\.firstPeriod).max()!
      let last = classes.map(\.lastPeriod).min()!
      if last - first + 1 < lesson.duration {
        findings.append(
          lesson.classes.count > 1
            ? .error(
              Code.streamClassesNeverMeet, at: Path.lesson(lesson.id),
              "The stream \(context.describe(lesson)) cannot meet: its classes study in different parts of the day.")
            : .error(
              Code.lessonLongerThanShift, at: Path.lesson(lesson.id),
              "\(context.describe(lesson)) is \(lesson.duration) periods long but its shift has only \(last - first + 1)."
            ))
      }
    }
    return findings
  }

  /// A number of periods: "14", or "13.5" with a lesson of odd or even weeks.
  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
