import Planner

/// A small school built in code for the tests: one shift of six lessons, three classes, four
/// quarters of the 2025–2026 year in Kazakhstan, English and informatics split in halves,
/// half-hour subjects, a double lesson.
enum Fixture {
  static func date(_ text: String) -> SchoolDate { SchoolDate(text)! }

  static let quarters = [
    StudyPeriod(id: "Q1", name: "1-тоқсан", start: date("2025-09-01"), end: date("2025-10-24")),
    StudyPeriod(id: "Q2", name: "2-тоқсан", start: date("2025-11-03"), end: date("2025-12-26")),
    StudyPeriod(id: "Q3", name: "3-тоқсан", start: date("2026-01-08"), end: date("2026-03-18")),
    StudyPeriod(id: "Q4", name: "4-тоқсан", start: date("2026-03-30"), end: date("2026-05-25")),
  ]

  static let subjects = [
    Subject(id: "kaz", name: "Қазақ тілі", difficulty: 9),
    Subject(id: "math", name: "Математика", difficulty: 10),
    Subject(id: "eng", name: "Ағылшын тілі", difficulty: 8),
    Subject(id: "inf", name: "Информатика", roomType: .computer, difficulty: 6),
    Subject(id: "pe", name: "Дене шынықтыру", roomType: .gym, difficulty: 1),
    Subject(id: "music", name: "Музыка", difficulty: 1),
    Subject(id: "art", name: "Көркем еңбек", roomType: .workshop, difficulty: 2),
    Subject(id: "hist", name: "Қазақстан тарихы", difficulty: 5),
  ]

  static let rooms = [
    Room(id: "r5a", name: "Кабинет 5А", type: .classroom, capacity: 30),
    Room(id: "r5b", name: "Кабинет 5Б", type: .classroom, capacity: 30),
    Room(id: "r6a", name: "Кабинет 6А", type: .classroom, capacity: 30),
    Room(id: "r12", name: "Кабинет 12", type: .classroom, capacity: 16),
    Room(id: "comp", name: "Компьютерный класс", type: .computer, capacity: 14),
    Room(id: "gym", name: "Спортзал", type: .gym, capacity: 60),
    Room(id: "shop", name: "Шеберхана", type: .workshop, capacity: 30),
  ]

  static let teachers = [
    Teacher(id: "t1", name: "Ахметова Гүлнар Серікқызы", subjects: ["kaz", "hist"], maxWeeklyLoad: 24),
    Teacher(id: "t2", name: "Иванов Сергей Петрович", subjects: ["math"], maxWeeklyLoad: 24),
    Teacher(id: "t3", name: "Смағұлова Айгерім Бекқызы", subjects: ["eng"], maxWeeklyLoad: 24, room: "r12"),
    Teacher(id: "t4", name: "Brown Alice", subjects: ["eng"], maxWeeklyLoad: 24),
    Teacher(id: "t5", name: "Нұрланов Ерлан Асқарұлы", subjects: ["inf", "math"], maxWeeklyLoad: 24),
    Teacher(id: "t6", name: "Қасымов Бауыржан", subjects: ["pe", "music", "art"], maxWeeklyLoad: 24),
  ]

  static func curriculum(_ classID: ClassID) -> WorkingCurriculum {
    WorkingCurriculum(
      class: classID,
      entries: [
        CurriculumEntry(subject: "kaz", weeklyHours: 3),
        CurriculumEntry(subject: "math", weeklyHours: 5),
        CurriculumEntry(subject: "eng", weeklyHours: 3),
        CurriculumEntry(subject: "inf", weeklyHours: 1),
        CurriculumEntry(subject: "pe", weeklyHours: 3),
        CurriculumEntry(subject: "music", weeklyHours: 0.5, variative: true),
        CurriculumEntry(subject: "art", weeklyHours: 2, duration: .double),
        CurriculumEntry(subject: "hist", weeklyHours: 1.5),
      ])
  }

  static func assignments(_ classID: ClassID) -> [TeachingAssignment] {
    [
      TeachingAssignment(class: classID, subject: "kaz", teachers: ["t1"]),
      TeachingAssignment(class: classID, subject: "math", teachers: ["t2"]),
      TeachingAssignment(class: classID, subject: "eng", split: .two, teachers: ["t3", "t4"]),
      TeachingAssignment(class: classID, subject: "inf", split: .two, teachers: ["t5", "t5"]),
      TeachingAssignment(class: classID, subject: "pe", teachers: ["t6"]),
      TeachingAssignment(class: classID, subject: "music", teachers: ["t6"]),
      TeachingAssignment(class: classID, subject: "art", teachers: ["t6"]),
      TeachingAssignment(class: classID, subject: "hist", teachers: ["t1"]),
    ]
  }

  static var school: Organisation {
    Organisation(
      id: "test-school", name: "№1 мектеп", settings: OrganisationSettings(country: "KZ", timeZone: "Asia/Almaty"),
      academicYear: AcademicYear(name: "2025-2026", start: date("2025-09-01"), end: date("2026-05-31")),
      studyPeriods: quarters,
      holidays: [
        Holiday(name: "Тәуелсіздік күні", start: date("2025-12-16"), end: date("2025-12-17")),
        Holiday(name: "Қосымша демалыс", start: date("2026-02-09"), end: date("2026-02-15"), grades: [1]),
      ],
      shifts: [Shift(id: "1", name: "1-ауысым", lessonsPerDay: 6, longBreaksAfter: [3])],
      subjects: subjects, rooms: rooms, teachers: teachers,
      classes: [
        SchoolClass(
          id: "5А", grade: 5, letter: "А", shift: "1", boys: 12, girls: 13, homeRoom: "r5a", classTeacher: "t1"),
        SchoolClass(id: "5Б", grade: 5, letter: "Б", shift: "1", boys: 10, girls: 14, homeRoom: "r5b"),
        SchoolClass(id: "11А", grade: 11, letter: "А", shift: "1", boys: 9, girls: 11, homeRoom: "r6a"),
      ],
      standardCurricula: [
        StandardCurriculum(
          id: "kz-5", name: "Үлгілік оқу жоспары, 5-сынып", grade: 5,
          entries: [
            StandardCurriculumEntry(subject: "kaz", weeklyHours: 3),
            StandardCurriculumEntry(subject: "math", weeklyHours: 5),
            StandardCurriculumEntry(subject: "music", weeklyHours: 1, component: .variative),
          ]),
        StandardCurriculum(
          id: "kz-6", name: "Үлгілік оқу жоспары, 6-сынып", grade: 6,
          entries: [
            StandardCurriculumEntry(subject: "kaz", weeklyHours: 3),
            StandardCurriculumEntry(subject: "math", weeklyHours: 5),
            StandardCurriculumEntry(subject: "hist", weeklyHours: 1),
          ]),
      ],
      workingCurricula: [curriculum("5А"), curriculum("5Б")],
      assignments: assignments("5А") + assignments("5Б"))
  }
}
