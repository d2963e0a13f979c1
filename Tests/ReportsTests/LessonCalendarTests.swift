import Foundation
import Planner
import Testing

@testable import Reports

/// A weekly timetable on the real calendar: dates, holidays (school-wide and of some grades),
/// odd and even weeks, the second shift's numbering and the bells of each shift, weekday and grade.
@Suite struct LessonCalendarTests {
  static func date(_ text: String) -> SchoolDate { SchoolDate(text)! }
  static func time(_ text: String) -> ClockTime { ClockTime(text)! }

  static func bells(_ times: [(String, String)]) -> [BellLesson] {
    times.enumerated().map { BellLesson(number: $0.offset + 1, start: time($0.element.0), end: time($0.element.1)) }
  }

  /// Two quarters with a week between them, a school-wide day off (Wednesday 10 September), three
  /// days off for the first grade only (17–19 September); 1А in the first shift (35-minute
  /// lessons of its own), 5А in the second (lessons 5–8 of the day; shorter on Fridays).
  static let school = Organisation(
    id: "small", name: "Small school", settings: OrganisationSettings(country: "KZ", timeZone: "Asia/Almaty"),
    academicYear: AcademicYear(name: "2025-2026", start: date("2025-09-01"), end: date("2026-05-31")),
    studyPeriods: [
      StudyPeriod(id: "Q1", name: "1", start: date("2025-09-01"), end: date("2025-10-24")),
      StudyPeriod(id: "Q2", name: "2", start: date("2025-11-03"), end: date("2025-12-26")),
    ],
    holidays: [
      Holiday(name: "Day off", start: date("2025-09-10"), end: date("2025-09-10")),
      Holiday(name: "First grade", start: date("2025-09-17"), end: date("2025-09-19"), grades: [1]),
    ],
    shifts: [
      Shift(id: "1", name: "First", firstPeriod: 1, lessonsPerDay: 4),
      Shift(id: "2", name: "Second", firstPeriod: 5, lessonsPerDay: 4),
    ],
    bellSchedules: [
      BellSchedule(shift: "1", lessons: bells([("08:00", "08:45"), ("08:55", "09:40"), ("10:00", "10:45")])),
      BellSchedule(
        shift: "1", grades: [1], lessons: bells([("08:00", "08:35"), ("08:45", "09:20"), ("09:40", "10:15")])),
      BellSchedule(shift: "2", lessons: bells([("13:00", "13:45"), ("13:55", "14:40"), ("15:00", "15:45")])),
      BellSchedule(shift: "2", weekdays: [.fri], lessons: bells([("12:30", "13:10"), ("13:20", "14:00")])),
    ],
    subjects: [Subject(id: "math", name: "Математика"), Subject(id: "eng", name: "Ағылшын тілі")],
    rooms: [Room(id: "r1", name: "Кабинет 1", capacity: 30)],
    teachers: [Teacher(id: "t1", name: "Иванов С. П.", subjects: ["math", "eng"])],
    classes: [
      SchoolClass(id: "1А", grade: 1, letter: "А", shift: "1", boys: 10, girls: 10),
      SchoolClass(id: "5А", grade: 5, letter: "А", shift: "2", boys: 10, girls: 10),
    ])

  static func lesson(
    _ id: String, _ day: String, _ period: Int, _ classID: String, duration: Int = 1, weeks: String = "every"
  ) -> ScheduledLesson {
    ScheduledLesson(
      lesson: id, day: day, period: period, duration: duration, subject: "math", group: "whole", classes: [classID],
      teachers: ["t1"], rooms: ["r1"], weeks: weeks)
  }

  static let lessons = [
    lesson("first-mon", "mon", 1, "1А"),
    lesson("first-wed-double", "wed", 2, "1А", duration: 2),
    lesson("second-mon", "mon", 5, "5А"),
    lesson("second-fri", "fri", 6, "5А"),
    lesson("second-wed-odd", "wed", 5, "5А", weeks: "odd"),
    lesson("second-thu-even", "thu", 5, "5А", weeks: "even"),
    lesson("no-bell", "tue", 8, "5А"),
  ]

  func dates(_ occurrences: [LessonOccurrence], _ id: String) -> [String] {
    occurrences.filter { $0.lesson.lesson == id }.map(\.date.description)
  }

  @Test func theSecondShiftCountsItsLessonsFromOneAndRingsItsOwnBells() {
    let calendar = LessonCalendar(organisation: Self.school)
    let monday = calendar.occurrence(of: Self.lessons[2], on: Self.date("2025-09-01"))
    #expect(monday.number == 1 && monday.shift == "2")
    #expect(monday.start == Self.time("13:00") && monday.end == Self.time("13:45"))
    // Fridays have a schedule of their own.
    let friday = calendar.occurrence(of: Self.lessons[3], on: Self.date("2025-09-05"))
    #expect(friday.number == 2 && friday.start == Self.time("13:20") && friday.end == Self.time("14:00"))
    // The first grade's 35-minute lessons; a double lesson ends with its second lesson's bell.
    let first = calendar.occurrence(of: Self.lessons[0], on: Self.date("2025-09-01"))
    #expect(first.number == 1 && first.start == Self.time("08:00") && first.end == Self.time("08:35"))
    let double = calendar.occurrence(of: Self.lessons[1], on: Self.date("2025-09-03"))
    #expect(double.number == 2 && double.start == Self.time("08:45") && double.end == Self.time("10:15"))
    // A lesson the bells do not reach has no time.
    let late = calendar.occurrence(of: Self.lessons[6], on: Self.date("2025-09-02"))
    #expect(late.number == 4 && late.start == nil && late.end == nil)
    #expect(
      monday.subjectName == "Математика" && monday.teacherNames == ["Иванов С. П."] && monday.roomNames == ["Кабинет 1"]
    )
  }

  @Test func holidaysOfTheSchoolAndOfAGradeHaveNoLessonsOfThoseWhoRest() {
    let calendar = LessonCalendar(organisation: Self.school)
    let september = calendar.occurrences(
      of: Self.lessons, in: DateRange(start: Self.date("2025-09-01"), end: Self.date("2025-09-30")))
    #expect(!september.contains { $0.date == Self.date("2025-09-10") })
    #expect(calendar.closure(on: Self.date("2025-09-10")) == .holiday("Day off"))
    // 17–19 September: the first grade rests, the fifth does not.
    #expect(dates(september, "first-wed-double") == ["2025-09-03", "2025-09-24"])
    #expect(dates(september, "second-fri") == ["2025-09-05", "2025-09-12", "2025-09-19", "2025-09-26"])
    #expect(calendar.closure(on: Self.date("2025-09-17")) == nil)
    // Between the quarters nobody has lessons.
    let gap = DateRange(start: Self.date("2025-10-25"), end: Self.date("2025-11-02"))
    #expect(calendar.occurrences(of: Self.lessons, in: gap).isEmpty)
    #expect(calendar.closure(on: Self.date("2025-10-29")) == .outsideTerm)
    // In date and time order.
    #expect(september == september.sorted { ($0.date, $0.start?.minutes ?? 0) < ($1.date, $1.start?.minutes ?? 0) })
  }

  @Test func oddAndEvenWeekLessonsComeInTheirWeeksAcrossTheGapBetweenQuarters() {
    let calendar = LessonCalendar(organisation: Self.school)
    let all = calendar.occurrences(of: Self.lessons, in: calendar.range(period: nil))
    // Study week 1 (odd) starts on 1 September; 10 September is a day off in week 2 (even).
    #expect(dates(all, "second-wed-odd").prefix(3) == ["2025-09-03", "2025-09-17", "2025-10-01"])
    #expect(dates(all, "second-thu-even").prefix(3) == ["2025-09-11", "2025-09-25", "2025-10-09"])
    // Q1 has eight study weeks, so Q2 opens with week 9, odd.
    #expect(calendar.week(of: [], containing: Self.date("2025-11-05")).studyWeek?.number == 9)
    #expect(dates(all, "second-wed-odd").contains("2025-11-05"))
    #expect(!dates(all, "second-thu-even").contains("2025-11-06"))
    #expect(calendar.week(of: [], containing: Self.date("2025-10-29")).studyWeek == nil)
    // Every lesson's occurrences alternate whole weeks.
    for id in ["second-wed-odd", "second-thu-even"] {
      let weeks = all.filter { $0.lesson.lesson == id }.compactMap {
        calendar.week(of: [], containing: $0.date).studyWeek
      }
      #expect(weeks.allSatisfy { $0.isOdd == (id == "second-wed-odd") })
    }
    #expect(calendar.range(period: "Q2") == DateRange(start: Self.date("2025-11-03"), end: Self.date("2025-12-26")))
    #expect(calendar.range(period: nil) == Self.school.academicYear.range)
  }

  @Test func aWeekShowsItsDaysClosuresAndLessons() {
    let calendar = LessonCalendar(organisation: Self.school)
    let week = calendar.week(of: Self.lessons, containing: Self.date("2025-09-11"))
    #expect(week.monday == Self.date("2025-09-08") && week.isOdd == false)
    #expect(week.days.map(\.weekday) == [.mon, .tue, .wed, .thu, .fri])
    #expect(week.days[2].closure == .holiday("Day off") && week.days[2].lessons.isEmpty)
    #expect(week.days[3].lessons.map(\.lesson.lesson) == ["second-thu-even"])
  }

  /// On the shipped schools: one lesson a weekday for a class gives as many occurrences as the
  /// study calendar of its grade has school days; the second shift's first lesson rings its bells.
  @Test func onTheShippedSchoolsEverySchoolDayOfAGradeHasItsLessons() throws {
    for (name, organisation) in try shippedInstances() {
      let calendar = LessonCalendar(organisation: organisation)
      for schoolClass in [organisation.classes.first!, organisation.classes.last!] {
        guard let shift = organisation.shifts.first(where: { $0.id == schoolClass.shift }) else { continue }
        let week = calendar.schoolDays.map { day in
          Self.lesson("\(schoolClass.id)-\(day.rawValue)", day.rawValue, shift.firstPeriod, schoolClass.id)
        }
        let occurrences = calendar.occurrences(of: week, in: calendar.range(period: nil))
        let days = StudyCalendar(organisation: organisation, grade: schoolClass.grade).weeks.reduce(0) {
          $0 + $1.schoolDays
        }
        #expect(occurrences.count == days, "\(name) \(schoolClass.id)")
        let bell = calendar.bellSchedule(of: shift.id, on: .mon, grade: schoolClass.grade)?.lessons.first {
          $0.number == 1
        }
        let monday = try #require(occurrences.first { $0.date.weekday == .mon }, "\(name) \(schoolClass.id)")
        #expect(monday.number == 1 && monday.start == bell?.start && monday.start != nil, "\(name) \(schoolClass.id)")
      }
      if organisation.shifts.count > 1 {
        #expect(organisation.shifts.contains { $0.firstPeriod > 1 }, "\(name): a second shift starts later in the day")
      }
    }
  }
}
