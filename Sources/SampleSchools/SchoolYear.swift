import Planner

/// The academic year 2025–2026 of each country: its quarters, holidays and bell schedules.
enum SchoolYear {
  private static func date(_ text: String) -> SchoolDate { SchoolDate(text)! }

  static func academicYear(_ country: Country) -> AcademicYear {
    AcademicYear(name: "2025-2026", start: date("2025-09-01"), end: date("2026-08-31"))
  }

  /// The four quarters (четверти / тоқсандар).
  static func quarters(_ country: Country) -> [StudyPeriod] {
    let bounds: [(String, String)]
    switch country {
    case .russia:
      bounds = [
        ("2025-09-01", "2025-10-24"), ("2025-11-05", "2025-12-26"), ("2026-01-12", "2026-03-20"),
        ("2026-03-30", "2026-05-26"),
      ]
    case .kazakhstan:
      bounds = [
        ("2025-09-01", "2025-10-24"), ("2025-11-03", "2025-12-26"), ("2026-01-08", "2026-03-18"),
        ("2026-03-30", "2026-05-25"),
      ]
    }
    return bounds.enumerated().map { i, b in
      StudyPeriod(
        id: "Q\(i + 1)", name: country == .russia ? "\(i + 1) четверть" : "\(i + 1)-тоқсан", kind: .quarter,
        start: date(b.0), end: date(b.1))
    }
  }

  /// Holidays between the quarters, public holidays inside them, and the first graders' extra
  /// February week.
  static func holidays(_ country: Country) -> [Holiday] {
    func h(_ name: String, _ start: String, _ end: String? = nil, grades: [Int]? = nil) -> Holiday {
      Holiday(name: name, start: date(start), end: date(end ?? start), grades: grades)
    }
    switch country {
    case .russia:
      return [
        h("Осенние каникулы (в т. ч. День народного единства)", "2025-10-25", "2025-11-04"),
        h("Зимние каникулы", "2025-12-27", "2026-01-11"),
        h("Дополнительные каникулы для первоклассников", "2026-02-16", "2026-02-22", grades: [1]),
        h("День защитника Отечества", "2026-02-23"),
        h("Международный женский день (перенос с 8 марта)", "2026-03-09"),
        h("Весенние каникулы", "2026-03-21", "2026-03-29"),
        h("Праздник Весны и Труда", "2026-05-01"),
        h("День Победы (перенос с 9 мая)", "2026-05-11"),
      ]
    case .kazakhstan:
      return [
        h("Күзгі демалыс", "2025-10-25", "2025-11-02"),
        h("Тәуелсіздік күні", "2025-12-16"),
        h("Қысқы демалыс", "2025-12-27", "2026-01-07"),
        h("Бірінші сынып оқушыларына қосымша демалыс", "2026-02-09", "2026-02-15", grades: [1]),
        h("Халықаралық әйелдер күні (8 наурыздан ауыстырылған)", "2026-03-09"),
        h("Көктемгі демалыс (Наурыз мейрамы, 21–23 наурыз)", "2026-03-19", "2026-03-29"),
        h("Қазақстан халқының бірлігі мерекесі", "2026-05-01"),
        h("Отан қорғаушы күні", "2026-05-07"),
        h("Жеңіс күні (9 мамырдан ауыстырылған)", "2026-05-11"),
      ]
    }
  }

  /// The shifts of a school: one of 7 lessons, or the first (periods 1–7) and the second
  /// (periods 7–12, starting when the first shift's seventh lesson starts).
  static func shifts(count: Int, country: Country) -> [Shift] {
    let names = country == .russia ? ["1 смена", "2 смена"] : ["1-ауысым", "2-ауысым"]
    var result = [Shift(id: "1", name: names[0], firstPeriod: 1, lessonsPerDay: 7, longBreaksAfter: [2, 4])]
    if count >= 2 {
      result.append(Shift(id: "2", name: names[1], firstPeriod: 7, lessonsPerDay: 6, longBreaksAfter: [3]))
    }
    return result
  }

  /// The rules the bells follow: the first shift from 08:00, 35-minute lessons in the first grade
  /// and 45 in the others, breaks of at least 10 minutes and long breaks of 20 after the second to
  /// fourth lesson; the second shift after the first has left the rooms it needs, by 20:30.
  static func bellRules(for shifts: [Shift]) -> [BellRules] {
    shifts.map { shift in
      let first = shift.firstPeriod == 1
      return BellRules(
        shift: shift.id, start: first ? ClockTime(hour: 8, minute: 0)! : ClockTime(hour: 13, minute: 30)!,
        lessonLengths: [LessonLength(grades: [1], minutes: 35), LessonLength(grades: Array(2...11), minutes: 45)],
        minimumBreak: 10, preferredBreak: 10, longBreaks: first ? 2 : 1, longBreakMinutes: 20,
        longBreakAfter: [2, 3, 4],
        latestEnd: first ? ClockTime(hour: 14, minute: 45)! : ClockTime(hour: 20, minute: 30)!,
        follows: first ? nil : "1", gapAfterPreviousShift: first ? nil : 10)
    }
  }

  /// 45-minute lessons with 10-minute breaks and 20-minute long breaks; the first shift from
  /// 08:00, the second from the start of the first shift's lesson of its first period.
  static func bells(for shifts: [Shift]) -> [BellSchedule] {
    func lessons(start: ClockTime, shift: Shift) -> [BellLesson] {
      var result: [BellLesson] = []
      var time = start
      for number in 1...shift.lessonsPerDay {
        let end = time.adding(minutes: 45)
        result.append(BellLesson(number: number, start: time, end: end))
        time = end.adding(minutes: (shift.longBreaksAfter ?? []).contains(number) ? 20 : 10)
      }
      return result
    }
    var schedules: [BellSchedule] = []
    var firstShiftLessons: [BellLesson] = []
    for shift in shifts {
      let start: ClockTime
      if shift.firstPeriod > 1, shift.firstPeriod <= firstShiftLessons.count {
        start = firstShiftLessons[shift.firstPeriod - 1].start
      } else {
        start = ClockTime(hour: 8, minute: 0)!
      }
      let list = lessons(start: start, shift: shift)
      if shift.firstPeriod == 1 { firstShiftLessons = list }
      schedules.append(BellSchedule(shift: shift.id, lessons: list))
    }
    return schedules
  }
}
