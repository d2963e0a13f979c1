import Foundation
import Planner

/// Readable weekly timetables: one sheet per class, per teacher (ordered by name) and per room,
/// as deputies print them and teachers and families read them. Each sheet counts lessons in its
/// shift (a second shift's first lesson is 1) with the shift's bell times; each lesson says
/// what, who and where; the words are in the organisation's language (`ReportLanguage`).
///
/// `byClass`, `byTeacher` and `byRoom` render the sheets as text (`TimetableText`: lines of at
/// most 100 characters, one block a day, a form feed between sheets);
/// `html(_:)` as a page that prints one sheet per A4 page (`TimetableHTML`).
public struct TimetableTables: Sendable {
  public let problem: TimetableProblem
  public let timetable: Timetable
  public let language: ReportLanguage
  private let times: LessonTimes
  private let organisationName: String
  private let periodName: String?
  private let roomLabels: [RoomID: String]

  /// The tables of a timetable; the organisation gives the shifts' names and bell times, the
  /// language (by default the organisation's, `ReportLanguage.of`; English without one) and the
  /// study period's name.
  public init(
    problem: TimetableProblem, timetable: Timetable, organisation: Organisation? = nil,
    language: ReportLanguage? = nil
  ) {
    self.problem = problem
    self.timetable = timetable
    self.language = language ?? organisation.map(ReportLanguage.of) ?? .english
    times = LessonTimes(problem: problem, organisation: organisation)
    roomLabels = Self.roomLabels(problem.rooms)
    organisationName = organisation?.name ?? problem.name
    let period = problem.period ?? timetable.period
    periodName = period.map { id in organisation?.studyPeriods.first { $0.id == id }?.name ?? id }
  }

  private var words: ReportWords { language.words }

  // MARK: The sheets

  /// Every class's sheet, in the order of the classes.
  public var classSheets: [TimetableSheet] {
    let all = entries
    return problem.classes.map { schoolClass in
      let mine = all.filter { $0.lesson.classes.contains(schoolClass.id) }
      return sheet(
        .schoolClass, name: schoolClass.name, heading: words.classTimetable(schoolClass.name), placed: mine,
        grade: schoolClass.grade, minimumShift: times.shift(schoolClass.shift)
      ) { e in
        let teachers = e.lesson.teachers.map(teacherShortName)
        let rooms = e.placement.rooms.map(roomShortName)
        // A stream (or any lesson whose teachers each have a room): one line per teacher.
        if teachers.count > 1 && rooms.count == teachers.count {
          return zip(teachers, rooms).map { (what(e.lesson, group: e.lesson.classes.count == 1), $0, $1) }
        }
        return [
          (
            what(e.lesson, group: e.lesson.classes.count == 1), teachers.joined(separator: ", "),
            rooms.filter { !$0.isEmpty }.joined(separator: ", ")
          )
        ]
      }
    }
  }

  /// Every teacher's sheet who has lessons, ordered by name in the language's collation.
  public var teacherSheets: [TimetableSheet] {
    let all = entries
    let collation = Locale(identifier: language == .kazakh ? "kk_KZ" : language == .russian ? "ru_RU" : "en_US")
    let teachers = problem.teachers.sorted {
      let order = $0.name.compare($1.name, options: [.caseInsensitive], range: nil, locale: collation)
      return order == .orderedSame ? $0.id < $1.id : order == .orderedAscending
    }
    return teachers.compactMap { teacher in
      let mine = all.filter { $0.lesson.teachers.contains(teacher.id) }
      guard !mine.isEmpty else { return nil }
      return sheet(.teacher, name: teacher.name, heading: words.teacherTimetable(teacher.name), placed: mine) { e in
        let position = e.lesson.teachers.firstIndex(of: teacher.id) ?? 0
        let room =
          e.placement.rooms.indices.contains(position)
          ? e.placement.rooms[position] : (e.placement.rooms.first ?? "")
        return [(what(e.lesson, group: true), classNames(e.lesson), roomShortName(room))]
      }
    }
  }

  /// Every room's sheet that has lessons, in the order of the rooms.
  public var roomSheets: [TimetableSheet] {
    let all = entries
    return problem.rooms.compactMap { room in
      let mine = all.filter { $0.placement.rooms.contains(room.id) }
      guard !mine.isEmpty else { return nil }
      return sheet(.room, name: room.name, heading: words.roomTimetable(room.name), placed: mine) { e in
        let teachers = e.placement.rooms.indices.filter { e.placement.rooms[$0] == room.id }
          .compactMap { e.lesson.teachers.indices.contains($0) ? teacherShortName(e.lesson.teachers[$0]) : nil }
        let who = ([classNames(e.lesson)] + [teachers.joined(separator: ", ")]).filter { !$0.isEmpty }
        return [(what(e.lesson, group: true), who.joined(separator: " · "), "")]
      }
    }
  }

  // MARK: Renderings

  /// Every class's timetable as text.
  public var byClass: String { TimetableText.render(classSheets, emptyNote: words.noLessonsThisWeek) }
  /// Every teacher's own timetable as text, ordered by name.
  public var byTeacher: String { TimetableText.render(teacherSheets, emptyNote: words.noLessonsThisWeek) }
  /// Every room's occupancy as text.
  public var byRoom: String { TimetableText.render(roomSheets, emptyNote: words.noLessonsThisWeek) }

  /// The sheets of one kind as an HTML page that prints one sheet per A4 page.
  public func html(_ kind: TimetableSheet.Kind) -> String {
    switch kind {
    case .schoolClass: return TimetableHTML.page(title: words.classesTitle, sheets: classSheets, words: words)
    case .teacher: return TimetableHTML.page(title: words.teachersTitle, sheets: teacherSheets, words: words)
    case .room: return TimetableHTML.page(title: words.roomsTitle, sheets: roomSheets, words: words)
    }
  }

  // MARK: Building a sheet

  private struct Placed {
    var lesson: Lesson
    var placement: Placement
  }

  private var entries: [Placed] {
    let lessons = Dictionary(problem.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return timetable.placements.compactMap { p in lessons[p.lesson].map { Placed(lesson: $0, placement: p) } }
  }

  /// A sheet of lessons: each placed lesson fills its lesson numbers (two for a double lesson) in
  /// its shift, with the lines `describe` gives (what, who, where).
  private func sheet(
    _ kind: TimetableSheet.Kind, name: String, heading: String, placed: [Placed], grade: Int? = nil,
    minimumShift: LessonTimes.ShiftInfo? = nil,
    describe: (Placed) -> [(what: String, who: String, place: String)]
  ) -> TimetableSheet {
    let days = problem.days
    let dayIndex = Dictionary(days.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    // Lessons by shift, number and day.
    var cells: [ShiftID: [Int: [[TimetableSheet.Entry]]]] = [:]
    for e in placed.sorted(by: { ($0.placement.period, $0.lesson.id) < ($1.placement.period, $1.lesson.id) }) {
      guard let day = dayIndex[e.placement.day] else { continue }
      let shift = times.shift(of: e.lesson, period: e.placement.period)
      let lines = describe(e)
      for q in 0..<max(e.lesson.duration, 1) {
        let number = e.placement.period + q - shift.firstPeriod + 1
        let rowTime = times.time(shift, number: number, day: nil, grade: grade)
        let cellTime = times.time(shift, number: number, day: e.placement.day, grade: times.grade(of: e.lesson))
        for line in lines {
          let entry = TimetableSheet.Entry(
            what: line.what, who: line.who, place: line.place, time: cellTime == rowTime ? nil : cellTime)
          var row = cells[shift.id, default: [:]][number] ?? Array(repeating: [], count: days.count)
          if !row[day].contains(entry) { row[day].append(entry) }
          cells[shift.id, default: [:]][number] = row
        }
      }
    }
    var sections: [TimetableSheet.Section] = []
    for shift in times.shifts where cells[shift.id] != nil || (placed.isEmpty && shift == minimumShift) {
      let byNumber = cells[shift.id] ?? [:]
      let numbers = byNumber.keys
      let first = kind == .schoolClass ? min(1, numbers.min() ?? 1) : numbers.min() ?? 1
      let rows = (first...max(numbers.max() ?? 1, first)).map { n in
        TimetableSheet.Row(
          number: n, time: times.time(shift, number: n, day: nil, grade: grade),
          cells: byNumber[n] ?? Array(repeating: [], count: days.count))
      }
      sections.append(TimetableSheet.Section(shift: times.severalShifts ? shift.name ?? shift.id : nil, rows: rows))
    }
    // A sheet of one shift names it once, under the heading.
    var shift: String?
    if sections.count == 1 {
      shift = sections[0].shift
      sections[0].shift = nil
    }
    let subheading = [organisationName, periodName.map { "\(words.period): \($0)" }, shift].compactMap { $0 }
    return TimetableSheet(
      kind: kind, name: name, heading: heading, subheading: subheading.joined(separator: " · "), days: dayNames,
      sections: sections, words: words)
  }

  /// The day names: the language's for weekdays, the file's own for the days of other cycles.
  private var dayNames: [String] {
    problem.days.enumerated().map { i, day in
      day.isCalendarWeekday || !problem.dayNames.indices.contains(i) ? language.weekdayName(day) : problem.dayNames[i]
    }
  }

  /// What a lesson is: the subject, with its group (when the class is split) and its weeks.
  private func what(_ lesson: Lesson, group: Bool) -> String {
    let subject = problem.subjects.first { $0.id == lesson.subject }?.name ?? lesson.subject
    var notes: [String] = []
    // An imported lesson names its students: its class's own name is no group.
    let wholeClass = lesson.group == lesson.classes.joined(separator: ", ")
    if group, !wholeClass, let label = words.group(lesson.group) { notes.append(label) }
    if lesson.weeks != .every { notes.append(words.weeks(odd: lesson.weeks == .odd)) }
    return notes.isEmpty ? subject : "\(subject) (\(notes.joined(separator: ", ")))"
  }

  private func classNames(_ lesson: Lesson) -> String {
    lesson.classes.map { id in problem.classes.first { $0.id == id }?.name ?? id }.joined(separator: "+")
  }

  /// A teacher as a class's table names them: in Russian and Kazakh, where names are written
  /// surname first, the surname and initials ("Иванова А. П."); in English the whole name.
  private func teacherShortName(_ id: TeacherID) -> String {
    let name = problem.teachers.first { $0.id == id }?.name ?? id
    return language == .english ? name : Self.shortName(name)
  }

  /// "Иванова Анна Петровна" → "Иванова А. П."; a name of one word stays as it is.
  static func shortName(_ name: String) -> String {
    let words = name.split(separator: " ")
    guard words.count >= 2, words.dropFirst().allSatisfy({ $0.first?.isLetter == true }) else { return name }
    return ([String(words[0])] + words.dropFirst().map { "\($0.prefix(1))." }).joined(separator: " ")
  }

  /// A room as a cell names it (`roomLabels`).
  private func roomShortName(_ id: RoomID) -> String {
    guard !id.isEmpty else { return "" }
    return roomLabels[id] ?? id
  }

  /// The rooms as cells name them: a numbered room without the explanation in brackets
  /// ("Кабинет 207 (математика)" → "Кабинет 207") when no other room is then called the same;
  /// any other room by its whole name ("Спортивный зал (малый)").
  static func roomLabels(_ rooms: [ProblemRoom]) -> [RoomID: String] {
    func short(_ name: String) -> String {
      guard let bracket = name.range(of: " ("), name.hasSuffix(")") else { return name }
      let head = String(name[..<bracket.lowerBound])
      return head.contains(where: \.isNumber) ? head : name
    }
    var uses: [String: Int] = [:]
    for room in rooms { uses[short(room.name), default: 0] += 1 }
    var labels: [RoomID: String] = [:]
    for room in rooms where labels[room.id] == nil {
      labels[room.id] = uses[short(room.name)] == 1 ? short(room.name) : room.name
    }
    return labels
  }
}
