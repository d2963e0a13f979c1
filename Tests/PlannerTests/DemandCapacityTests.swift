import Planner
import Testing

/// Impossible demand is found by counting, before any search, and told in sentences with a stable
/// code and the path of what is concerned.
@Suite struct DemandCapacityTests {
  /// A timetable problem built in code: `days` × `periods`, classes of one unit unless split.
  struct Builder {
    var days: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    var periods = 4
    var classes: [ProblemClass] = []
    var teachers: [ProblemTeacher] = []
    var rooms: [ProblemRoom] = []
    var lessons: [Lesson] = []

    mutating func addClass(_ id: String, units: [String]? = nil, max: Int? = nil) {
      classes.append(
        ProblemClass(
          id: id, name: id, grade: 5, shift: "1", firstPeriod: 1, lastPeriod: periods, units: units ?? [id],
          maxLessonsPerDay: max ?? periods, compactDay: true))
    }

    mutating func addTeacher(_ id: String) { teachers.append(ProblemTeacher(id: id, name: "Teacher \(id)")) }

    mutating func addRoom(_ id: String, type: RoomType = .classroom, capacity: Int = 30) {
      rooms.append(ProblemRoom(id: id, name: "Room \(id)", type: type, capacity: capacity))
    }

    /// Adds `count` lessons of a subject for a class (or units of it) with a teacher.
    mutating func addLessons(
      _ count: Int, subject: String, class classID: String, teacher: String, units: [String]? = nil,
      group: String = "whole",
      duration: Int = 1, rooms: [[String]] = []
    ) {
      for n in 1...count {
        lessons.append(
          Lesson(
            id: "\(classID)-\(subject)-\(group)-\(n)", subject: subject, classes: [classID], group: group,
            teachers: [teacher],
            students: units ?? classes.first { $0.id == classID }!.units, size: 25, duration: duration,
            rooms: rooms.map { RoomRequirement(allowed: $0) }))
      }
    }

    var problem: TimetableProblem {
      TimetableProblem(
        organisation: "fixture", name: "Fixture school", period: "Q1", days: days, periodsPerDay: periods,
        classes: classes,
        teachers: teachers, rooms: rooms,
        subjects: Set(lessons.map(\.subject)).sorted().map { ProblemSubject(id: $0, name: $0.capitalized) },
        lessons: lessons, constraints: [])
    }
  }

  /// Two classes, two teachers, a classroom and a laboratory, 5 days × 4 periods.
  func base() -> Builder {
    var b = Builder()
    b.addClass("5A")
    b.addClass("5B")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addRoom("r1")
    b.addRoom("lab", type: .laboratory)
    return b
  }

  @Test func aTeacherWithMoreLessonsThanFreePeriodsIsNamed() {
    var b = base()
    b.teachers[0].unavailable = [.fri, .thu].flatMap { d in (1...4).map { TimeSlot(day: d, period: $0) } }
    b.addLessons(8, subject: "math", class: "5A", teacher: "t1")
    b.addLessons(6, subject: "math", class: "5B", teacher: "t1")
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(
      issues.map(\.message).contains {
        $0.hasPrefix("Teacher Teacher t1 has 14 lesson periods a week but can teach in only 12 periods")
      })
    #expect(
      issues == [
        .error(
          "teacher-over-open-periods", at: "teachers/t1",
          "Teacher Teacher t1 has 14 lesson periods a week but can teach in only 12 periods (8 of them marked unavailable): move some lessons to another teacher or free some time."
        )
      ])
  }

  @Test func aClassWithMoreLessonsThanItsGridIsNamed() {
    var b = base()
    b.addLessons(12, subject: "math", class: "5A", teacher: "t1")
    b.addLessons(10, subject: "art", class: "5A", teacher: "t2")
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(issues.map(\.message).contains { $0 == "5A has 22 lesson periods a week but its shift holds only 20." })
    #expect(issues.map(\.code) == ["class-over-shift"])
    #expect(issues.map(\.path) == ["classes/5A"])
    #expect(issues.allSatisfy { $0.isError })
  }

  /// A group of a split is named with its class; the path names the unit, its `/` escaped.
  @Test func aGroupOverItsClassesDailyMaximumIsNamedWithItsClass() {
    var b = base()
    b.classes[0] = ProblemClass(
      id: "5A", name: "5A", grade: 5, shift: "1", firstPeriod: 1, lastPeriod: 4, units: ["5A/1", "5A/2"],
      maxLessonsPerDay: 3,
      compactDay: true)
    b.addLessons(12, subject: "math", class: "5A", teacher: "t1")
    b.addLessons(4, subject: "eng", class: "5A", teacher: "t2", units: ["5A/2"], group: "2")
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(
      issues == [
        .error(
          "class-over-daily-maximum", at: "classes/5A/units/5A%2F2",
          "5A (group 2) has 16 lesson periods a week but at most 3 a day over 5 days allows only 15.")
      ])
  }

  @Test func lessonsNeedingARoomKindThatIsTooScarceAreNamed() {
    var b = base()
    b.addLessons(12, subject: "chem", class: "5A", teacher: "t1", rooms: [["lab"]])
    b.addLessons(10, subject: "chem", class: "5B", teacher: "t2", rooms: [["lab"]])
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(
      issues.map(\.message).contains {
        $0.hasPrefix("Lessons that need the room Room lab take 22 periods a week, but it is free for only 20")
      })
    #expect(
      issues == [
        .error(
          "rooms-too-few", at: "rooms/lab",
          "Lessons that need the room Room lab take 22 periods a week, but it is free for only 20: add a room of that kind or move some lessons (e.g. 5A Chem)."
        )
      ])
  }

  /// A room a lesson only wishes for (optional: FET's preferred room below 100%) needs no period:
  /// more such lessons than the room holds is no impossibility.
  @Test func anOptionalRoomIsNotCountedAsNeeded() {
    var b = base()
    b.addLessons(12, subject: "chem", class: "5A", teacher: "t1", rooms: [["lab"]])
    b.addLessons(10, subject: "chem", class: "5B", teacher: "t2", rooms: [["lab"]])
    for i in b.lessons.indices where b.lessons[i].classes == ["5B"] { b.lessons[i].rooms[0].optional = true }
    #expect(DemandCapacity.issues(in: b.problem).filter { $0.code == DemandCapacity.Code.roomsTooFew }.isEmpty)
  }

  /// A lesson of no class (a teachers' meeting in FET's files) may take any period of the day, not
  /// none: its teacher and room are counted over the whole day.
  @Test func aLessonOfNoClassMayTakeAnyPeriod() {
    var b = base()
    b.addRoom("office")
    for n in 1...6 {
      b.lessons.append(
        Lesson(
          id: "meeting-\(n)", subject: "meeting", classes: [], group: "whole", teachers: ["t1"], students: [],
          size: 0, duration: 1, rooms: [RoomRequirement(allowed: ["office"])]))
    }
    // Six periods of twenty: the teacher and the office have time for them.
    #expect(DemandCapacity.issues(in: b.problem).isEmpty, "\(DemandCapacity.issues(in: b.problem))")
  }

  /// Lessons that may use either of two rooms are counted against both; the path lists them.
  @Test func lessonsChoosingBetweenRoomsNameAllOfThem() {
    var b = base()
    b.addLessons(12, subject: "chem", class: "5A", teacher: "t1", rooms: [["r1", "lab"]])
    b.addLessons(10, subject: "chem", class: "5B", teacher: "t2", rooms: [["lab"]])
    b.addLessons(20, subject: "bio", class: "5B", teacher: "t2", rooms: [["lab", "r1"]])
    let rooms = DemandCapacity.issues(in: b.problem).filter { $0.code == DemandCapacity.Code.roomsTooFew }
    #expect(rooms.map(\.path) == ["rooms/lab,r1"])
    #expect(
      rooms.map(\.message) == [
        "Lessons that need one of the rooms Room lab, Room r1 take 42 periods a week, but they are free for only 40: add a room of that kind or move some lessons (e.g. 5A Chem)."
      ])
  }

  @Test func aLessonNoRoomSeatsIsNamed() {
    var b = base()
    b.addLessons(1, subject: "pe", class: "5A", teacher: "t1", rooms: [[]])
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(issues.map(\.code) == ["rooms-too-few", "no-room-seats-group"])
    #expect(issues.map(\.path) == ["rooms/", "lessons/5A-pe-whole-1"])
    #expect(issues.last?.message == "5A Pe needs a room but no room of its kind seats its 25 students.")
  }

  @Test func aStreamWhoseClassesNeverMeetIsNamed() {
    var b = base()
    b.classes[1].firstPeriod = 3
    b.classes[1].lastPeriod = 4
    b.classes[0].lastPeriod = 2
    b.lessons.append(
      Lesson(
        id: "stream-1", subject: "eng", classes: ["5A", "5B"], group: "7 English", teachers: ["t1", "t2"],
        students: ["5A", "5B"], size: 40))
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(issues.map(\.message).contains { $0.hasPrefix("The stream 5A+5B Eng (7 English) cannot meet") })
    #expect(
      issues == [
        .error(
          "stream-classes-never-meet", at: "lessons/stream-1",
          "The stream 5A+5B Eng (7 English) cannot meet: its classes study in different parts of the day.")
      ])
  }

  @Test func aLessonLongerThanItsShiftIsNamed() {
    var b = base()
    b.classes[0].lastPeriod = 2
    b.addLessons(1, subject: "tech", class: "5A", teacher: "t1", duration: 3)
    let issues = DemandCapacity.issues(in: b.problem)
    #expect(
      issues == [
        .error(
          "lesson-longer-than-shift", at: "lessons/5A-tech-whole-1",
          "5A Tech is 3 periods long but its shift has only 2.")
      ])
  }

  @Test func aFeasibleProblemHasNoFindings() {
    var b = base()
    b.addLessons(4, subject: "math", class: "5A", teacher: "t1")
    b.addLessons(4, subject: "math", class: "5B", teacher: "t2")
    #expect(DemandCapacity.issues(in: b.problem).isEmpty)
  }

  @Test func pathsEscapeWhatWouldSplitThem() {
    #expect(DemandCapacity.Path.teacher("a/b,c%d") == "teachers/a%2Fb%2Cc%25d")
    #expect(DemandCapacity.Path.schoolClass("5A", unit: "5A") == "classes/5A")
    #expect(DemandCapacity.Path.rooms(["r2", "r1"]) == "rooms/r1,r2")
    #expect(Set(DemandCapacity.Code.all).count == 9)
  }
}
