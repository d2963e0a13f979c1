import Foundation
import Interchange
import Planner
import SampleSchools
import Testing

@testable import Reports

/// A small problem built by hand: one class in a second shift that starts at school-day period
/// 7, split into two groups for English, teachers whose names sort differently by letter code
/// and by the Kazakh alphabet.
private func handmadeProblem(subject: String = "Алгебра") -> (TimetableProblem, Organisation) {
  var organisation = SampleSchools.smallKazakhSchool()
  organisation.shifts = [
    Shift(id: "1", name: "1-ауысым", firstPeriod: 1, lessonsPerDay: 7),
    Shift(id: "2", name: "2-ауысым", firstPeriod: 7, lessonsPerDay: 6),
  ]
  organisation.bellSchedules = [
    BellSchedule(
      shift: "2",
      lessons: [
        BellLesson(number: 1, start: ClockTime("13:50")!, end: ClockTime("14:35")!),
        BellLesson(number: 2, start: ClockTime("14:45")!, end: ClockTime("15:30")!),
        BellLesson(number: 3, start: ClockTime("15:40")!, end: ClockTime("16:25")!),
      ]),
    BellSchedule(
      shift: "2", weekdays: [.fri],
      lessons: [BellLesson(number: 1, start: ClockTime("13:30")!, end: ClockTime("14:05")!)]),
  ]
  let problem = TimetableProblem(
    organisation: "o", name: "Мектеп", days: [.mon, .tue, .wed, .thu, .fri], periodsPerDay: 12,
    classes: [
      ProblemClass(
        id: "6A", name: "6А", grade: 6, shift: "2", firstPeriod: 7, lastPeriod: 12, units: ["6A-1", "6A-2"],
        maxLessonsPerDay: 6, compactDay: false)
    ],
    teachers: [
      ProblemTeacher(id: "t1", name: "Бекова Гүлнар Серікқызы"),
      ProblemTeacher(id: "t2", name: "Әбілова Айгүл Нұрланқызы"),
      ProblemTeacher(id: "t3", name: "Абаева Сая Маратқызы"),
    ],
    rooms: [
      ProblemRoom(id: "r1", name: "Кабинет 204 (математика)", type: "classroom", capacity: 30),
      ProblemRoom(id: "r2", name: "Кабинет 301", type: "classroom", capacity: 15),
    ],
    subjects: [ProblemSubject(id: "alg", name: subject), ProblemSubject(id: "eng", name: "Ағылшын тілі")],
    lessons: [
      Lesson(
        id: "alg", subject: "alg", classes: ["6A"], group: "whole", teachers: ["t1"], students: ["6A-1", "6A-2"],
        size: 25, duration: 2),
      Lesson(id: "eng1", subject: "eng", classes: ["6A"], group: "1", teachers: ["t2"], students: ["6A-1"], size: 12),
      Lesson(
        id: "eng2", subject: "eng", classes: ["6A"], group: "2", teachers: ["t3"], students: ["6A-2"], size: 13,
        weeks: .odd),
      Lesson(id: "eng3", subject: "eng", classes: ["6A"], group: "1", teachers: ["t2"], students: ["6A-1"], size: 12),
    ],
    constraints: [])
  return (problem, organisation)
}

private let handmadeTimetable = Timetable(
  organisation: "o", period: nil,
  placements: [
    Placement(lesson: "alg", day: .mon, period: 8, rooms: ["r1"]),
    Placement(lesson: "eng1", day: .tue, period: 7, rooms: ["r2"]),
    Placement(lesson: "eng2", day: .tue, period: 7, rooms: ["r1"]),
    Placement(lesson: "eng3", day: .fri, period: 7, rooms: ["r2"]),
  ])

@Suite struct TimetableTablesTests {
  @Test func aSecondShiftCountsItsLessonsFromOneWithItsBellTimes() throws {
    let (problem, organisation) = handmadeProblem()
    let tables = TimetableTables(problem: problem, timetable: handmadeTimetable, organisation: organisation)
    let sheet = try #require(tables.classSheets.first)
    #expect(sheet.heading == "6А сыныбының сабақ кестесі")
    #expect(sheet.sections.count == 1)
    let rows = sheet.sections[0].rows
    // School-day periods 8 and 9 (a double lesson) are the shift's lessons 2 and 3.
    #expect(rows.map(\.number) == [1, 2, 3])
    #expect(rows.map(\.time) == ["13:50–14:35", "14:45–15:30", "15:40–16:25"])
    #expect(rows[1].cells[0] == [TimetableSheet.Entry(what: "Алгебра", who: "Бекова Г. С.", place: "Кабинет 204")])
    #expect(rows[2].cells[0] == rows[1].cells[0])
    // Both groups at once, each with its teacher, room, group label and weeks.
    #expect(
      rows[0].cells[1] == [
        TimetableSheet.Entry(what: "Ағылшын тілі (1-топ)", who: "Әбілова А. Н.", place: "Кабинет 301"),
        TimetableSheet.Entry(what: "Ағылшын тілі (2-топ, тақ апталар)", who: "Абаева С. М.", place: "Кабинет 204"),
      ])
    // Friday keeps a bell schedule of its own: the cell says its time.
    #expect(rows[0].cells[4].first?.time == "13:30–14:05")
    let text = tables.byClass
    #expect(text.contains("Дүйсенбі\n  1  13:50–14:35  —\n  2  14:45–15:30  Алгебра"), "\(text)")
    #expect(!text.contains("Monday") && !text.contains(" 7 "))
  }

  @Test func teachersAreOrderedByNameInTheLanguagesAlphabet() {
    let (problem, organisation) = handmadeProblem()
    let tables = TimetableTables(problem: problem, timetable: handmadeTimetable, organisation: organisation)
    // Ә comes after А and before Б in the Kazakh alphabet (its code is after every one of them).
    #expect(
      tables.teacherSheets.map(\.name) == [
        "Абаева Сая Маратқызы", "Әбілова Айгүл Нұрланқызы", "Бекова Гүлнар Серікқызы",
      ])
    let teacher = tables.teacherSheets[2]
    #expect(teacher.sections[0].rows.map(\.number) == [2, 3])
    #expect(
      teacher.sections[0].rows[0].cells[0] == [TimetableSheet.Entry(what: "Алгебра", who: "6А", place: "Кабинет 204")])
  }

  @Test func theLanguageIsTheOrganisationsOrTheOneAskedFor() {
    let (problem, organisation) = handmadeProblem()
    let english = TimetableTables(
      problem: problem, timetable: handmadeTimetable, organisation: organisation, language: .english)
    #expect(english.byClass.contains("Monday"))
    #expect(english.byClass.contains("Timetable of class 6А"))
    #expect(english.classSheets[0].sections[0].rows[0].cells[1][0].what == "Ағылшын тілі (group 1)")
    var russian = organisation
    russian.settings.country = "RU"
    for i in russian.classes.indices { russian.classes[i].language = "ru" }
    let tables = TimetableTables(problem: problem, timetable: handmadeTimetable, organisation: russian)
    #expect(tables.language == .russian)
    #expect(tables.byTeacher.hasPrefix("Расписание учителя: Абаева Сая Маратқызы"))
    #expect(tables.byClass.contains("Понедельник"))
    #expect(tables.classSheets[0].sections[0].rows[0].cells[1][1].what == "Ағылшын тілі (2 группа, нечётные недели)")
  }

  @Test func anImportedTimetableWithoutBellsOrLanguageReadsInEnglish() throws {
    var (problem, _) = handmadeProblem()
    // FET numbers its hours from 0 and names a lesson's students by their set (here the class).
    problem.periodNames = (0..<12).map(String.init)
    problem.lessons[0].group = "6A"
    let tables = TimetableTables(problem: problem, timetable: handmadeTimetable)
    #expect(tables.language == .english)
    let sheet = try #require(tables.classSheets.first)
    #expect(sheet.sections[0].rows.allSatisfy { $0.time == nil })
    #expect(sheet.sections[0].rows[1].cells[0].first?.what == "Алгебра")
    #expect(sheet.sections[0].rows[1].cells[0].first?.who == "Бекова Гүлнар Серікқызы")
    problem.periodNames[7] = "08:55-09:40"
    let named = TimetableTables(problem: problem, timetable: handmadeTimetable)
    #expect(named.classSheets[0].sections[0].rows[1].time == "08:55-09:40")
  }

  @Test func everyLineFitsAHundredColumnsAndLongCellsWrap() {
    let long = String(repeating: "Очень длинное название предмета ", count: 6)
    let (problem, organisation) = handmadeProblem(subject: long)
    let tables = TimetableTables(problem: problem, timetable: handmadeTimetable, organisation: organisation)
    for text in [tables.byClass, tables.byTeacher, tables.byRoom] {
      for line in text.split(separator: "\n") { #expect(line.count <= 100, "\(line.count): \(line)") }
    }
    // The whole name is there, broken over lines.
    #expect(tables.byClass.components(separatedBy: "Очень").count == 7 * 2 - 1)
  }

  @Test func shippedSchoolsTablesFitTheWidthAndNameEverySheet() throws {
    for (name, organisation) in try shippedInstances() {
      let problem = try LessonDemandBuilder.problem(for: organisation)
      // Every lesson at its class's first period on Monday is enough to render every sheet.
      let placements = problem.lessons.prefix(400).enumerated().map { k, lesson in
        let schoolClass = problem.classes.first { lesson.classes.contains($0.id) }
        return Placement(
          lesson: lesson.id, day: problem.days[k % problem.days.count],
          period: (schoolClass?.firstPeriod ?? 1) + k % 5,
          rooms: lesson.rooms.map { $0.allowed.first ?? "" })
      }
      let tables = TimetableTables(
        problem: problem, timetable: Timetable(organisation: problem.organisation, period: nil, placements: placements),
        organisation: organisation)
      let text = tables.byClass + tables.byTeacher + tables.byRoom
      let widest = text.split(separator: "\n").map(\.count).max() ?? 0
      #expect(widest <= 100, "\(name): a line of \(widest)")
      #expect(tables.byClass.components(separatedBy: "\u{0C}").count == problem.classes.count, "\(name)")
      // Two shifts: a second-shift class's lessons never get numbers beyond its shift's length.
      for sheet in tables.classSheets {
        for section in sheet.sections { #expect(section.rows.count <= 7, "\(name): \(sheet.name)") }
      }
    }
  }

  @Test func theHTMLPrintsOneSheetAPageAndEscapesEveryText() {
    let (problem, organisation) = handmadeProblem(subject: "<script>alert('x')</script> & Co")
    let tables = TimetableTables(problem: problem, timetable: handmadeTimetable, organisation: organisation)
    let html = tables.html(.teacher)
    #expect(html.contains("@page { size: A4"))
    #expect(html.contains("page-break-after: always"))
    #expect(html.contains("<html lang=\"kk\">"))
    #expect(html.components(separatedBy: "<section class=\"sheet teacher").count == 4)
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
    #expect(html.contains("<th>Дүйсенбі</th>"))
    #expect(html.contains("13:50–14:35"))
  }
}

@Suite struct TimetableHTMLTests {
  private func sheet(lessonsAtOnce: Int) -> TimetableSheet {
    let entry = TimetableSheet.Entry(
      what: "Иностранный язык (английский) (1 группа)", who: "Константинопольская А. Б.", place: "Кабинет 215")
    let rows = (1...7).map { n in
      TimetableSheet.Row(
        number: n, time: "08:00–08:45", cells: Array(repeating: Array(repeating: entry, count: lessonsAtOnce), count: 5)
      )
    }
    return TimetableSheet(
      kind: .schoolClass, name: "7А", heading: "7А", subheading: "", days: ["Пн", "Вт", "Ср", "Чт", "Пт"],
      sections: [TimetableSheet.Section(shift: nil, rows: rows)], words: ReportLanguage.russian.words)
  }

  @Test func aFullSheetIsSetSmallerToKeepToItsPage() {
    #expect(TimetableHTML.density(sheet(lessonsAtOnce: 1)) == "")
    #expect(TimetableHTML.density(sheet(lessonsAtOnce: 2)) == " dense")
    #expect(TimetableHTML.density(sheet(lessonsAtOnce: 4)) == " densest")
    // One subject line for the lessons of one subject at once, one line for each teacher.
    let cell = TimetableHTML.cell(sheet(lessonsAtOnce: 2).sections[0].rows[0].cells[0])
    #expect(cell.components(separatedBy: "class=\"what\"").count == 2)
    #expect(cell.components(separatedBy: "class=\"who\"").count == 3)
  }
}

@Suite struct ReportLanguageTests {
  @Test func weekdaysAndMonthsInEachLanguage() {
    #expect(ReportLanguage.russian.weekdayName(.mon) == "Понедельник")
    #expect(ReportLanguage.kazakh.weekdayName(.wed) == "Сәрсенбі")
    #expect(ReportLanguage.english.weekdayShortName(.sat) == "Sat")
    #expect(ReportLanguage.russian.weekdayShortName(.thu) == "Чт")
    #expect(ReportLanguage.kazakh.weekdayShortName(.fri) == "Жм")
    #expect(ReportLanguage.russian.weekdayName(.cycleDay(8)) == "День 8")
    #expect(ReportLanguage.russian.dayAndMonth(day: 5, month: 12) == "5 декабря")
    #expect(ReportLanguage.kazakh.dayAndMonth(day: 5, month: 12) == "5 желтоқсан")
    #expect(ReportLanguage.english.dayAndMonth(day: 5, month: 12) == "5 December")
    #expect(ReportLanguage.russian.monthName(3) == "Март")
    #expect(ReportLanguage.russian.monthName(13) == "13")
    #expect(ReportLanguage.russian.date(SchoolDate(year: 2026, month: 12, day: 5)!) == "5 декабря 2026 г.")
    #expect(ReportLanguage.kazakh.date(SchoolDate(year: 2026, month: 9, day: 1)!) == "2026 жылғы 1 қыркүйек")
  }

  @Test func groupLabelsInEachLanguage() {
    #expect(ReportLanguage.russian.words.group("1") == "1 группа")
    #expect(ReportLanguage.kazakh.words.group("2") == "2-топ")
    #expect(ReportLanguage.english.words.group("boys") == "boys")
    #expect(ReportLanguage.russian.words.group("girls") == "девочки")
    #expect(ReportLanguage.kazakh.words.group("ind-3") == "жеке 3")
    #expect(ReportLanguage.russian.words.group("whole") == nil)
    #expect(ReportLanguage.russian.words.group("7АБВ: уровни") == "7АБВ: уровни")
  }

  @Test func theOrganisationsLanguageComesFromItsClassesThenItsCountry() throws {
    let shipped = Dictionary(uniqueKeysWithValues: try shippedInstances().map { ($0.name, $0.organisation) })
    #expect(shipped["ru-gymnasium-31.json"].map(ReportLanguage.of) == .russian)
    #expect(shipped["kz-rural-school-9.json"].map(ReportLanguage.of) == .kazakh)
    #expect(shipped["kz-large-school-54.json"].map(ReportLanguage.of) == .kazakh)
    var school = SampleSchools.smallKazakhSchool()
    for i in school.classes.indices { school.classes[i].language = nil }
    school.settings.country = "KG"
    #expect(ReportLanguage.of(school) == .russian)
    school.settings.country = "FR"
    #expect(ReportLanguage.of(school) == .english)
    #expect(ReportLanguage(code: "ru-RU") == .russian)
    #expect(ReportLanguage(code: "kk_KZ") == .kazakh)
    #expect(ReportLanguage(code: "de") == nil)
  }
}
