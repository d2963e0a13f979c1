import Planner

/// Small timetable problems built in code for the solver tests.
enum ProblemFixture {
  /// A problem of `days` × `periods` with the given classes (one unit each unless split), teachers
  /// and rooms; lessons are added with `lesson(...)`.
  struct Builder {
    var days: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    var periods = 6
    var classes: [ProblemClass] = []
    var teachers: [ProblemTeacher] = []
    var rooms: [ProblemRoom] = []
    var lessons: [Lesson] = []
    var constraints: [TimetableConstraint] = []

    mutating func addClass(
      _ id: String, units: [String]? = nil, first: Int = 1, last: Int? = nil, max: Int? = nil, compact: Bool = true
    ) {
      classes.append(
        ProblemClass(
          id: id, name: id, grade: 5, shift: "1", firstPeriod: first, lastPeriod: last ?? periods, units: units ?? [id],
          maxLessonsPerDay: max ?? periods, compactDay: compact))
      if compact {
        constraints.append(TimetableConstraint(.classCompactDay(class: id, startAtFirst: true), weight: .hard))
      }
    }

    mutating func addTeacher(_ id: String, unavailable: [TimeSlot] = []) {
      teachers.append(ProblemTeacher(id: id, name: "Teacher \(id)", unavailable: unavailable))
    }

    mutating func addRoom(_ id: String, type: RoomType = .classroom, capacity: Int = 30) {
      rooms.append(ProblemRoom(id: id, name: "Room \(id)", type: type, capacity: capacity))
    }

    /// Adds `count` lessons of a subject for a class (or units of it) with a teacher.
    mutating func addLessons(
      _ count: Int, subject: String, class classID: String, teacher: String?, units: [String]? = nil,
      group: String = "whole",
      duration: Int = 1, rooms: [[String]] = [], oncePerDay: Bool = true
    ) {
      var ids: [String] = []
      for n in 1...count {
        let id = "\(classID)-\(subject)-\(group)-\(n)"
        ids.append(id)
        lessons.append(
          Lesson(
            id: id, subject: subject, classes: [classID], group: group, teachers: teacher.map { [$0] } ?? [],
            students: units ?? classes.first { $0.id == classID }!.units, size: 25, duration: duration,
            rooms: rooms.map { RoomRequirement(allowed: $0) }))
      }
      if oncePerDay && count > 1 {
        constraints.append(
          TimetableConstraint(
            .lessonsMaxPerDay(lessons: ids, max: (count + days.count - 1) / days.count), weight: .hard))
      }
    }

    var problem: TimetableProblem {
      TimetableProblem(
        organisation: "fixture", name: "Fixture school", period: "Q1", days: days, periodsPerDay: periods,
        classes: classes,
        teachers: teachers, rooms: rooms,
        subjects: Set(lessons.map(\.subject)).sorted().map { ProblemSubject(id: $0, name: $0.capitalized) },
        lessons: lessons, constraints: constraints)
    }
  }
}
