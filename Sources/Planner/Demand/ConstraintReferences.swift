/// What a rule refers to, for checking that it exists.
public struct ConstraintReferences: Sendable {
  public var lessons: [String] = []
  public var teachers: [TeacherID] = []
  public var students: [String] = []
  public var rooms: [RoomID] = []
  public var classes: [ClassID] = []
  public var slots: [TimeSlot] = []
}

extension ConstraintRule {
  /// The lessons, teachers, student sets, rooms, classes and slots the rule names.
  public var references: ConstraintReferences {
    var r = ConstraintReferences()
    switch self {
    case .classCompactDay(let c, _), .classMaxLessonsPerDay(let c, _): r.classes = [c]
    case .lessonsMaxPerDay(let l, _), .subjectSpread(let l), .sameStartingTime(let l), .notOverlapping(let l),
      .grouped(let l), .endsStudentsDay(let l), .consecutiveIfSameDay(let l):
      r.lessons = l
    case .minDaysBetween(let l, _, _): r.lessons = l
    case .consecutive(let a, let b): r.lessons = [a, b]
    case .doublesNotAcrossLongBreak, .teacherGaps, .studentGaps, .difficultNotFirstLast, .teacherRoomChanges: break
    case .teacherDaysOff(let t, _), .teacherMaxLessonsPerDay(let t, _): r.teachers = [t]
    case .breakTimes(let s): r.slots = s
    case .teacherNotAvailable(let t, let s):
      r.teachers = [t]
      r.slots = s
    case .studentsNotAvailable(let st, let s):
      r.students = [st]
      r.slots = s
    case .roomNotAvailable(let room, let s):
      r.rooms = [room]
      r.slots = s
    case .preferredStartingTimes(let l, let s), .preferredTimeSlots(let l, let s),
      .occupyMaxSlotsFromSelection(let l, let s, _):
      r.lessons = l
      r.slots = s
    case .studentsMaxGapsPerWeek(let st, _), .studentsMaxGapsPerDay(let st, _),
      .studentsEarlyMaxBeginningsAtSecondHour(let st, _),
      .studentsMaxHoursDaily(let st, _), .studentsMinHoursDaily(let st, _, _), .studentsMaxHoursContinuously(let st, _):
      r.students = st.map { [$0] } ?? []
    case .teachersMaxGapsPerWeek(let t, _), .teachersMaxGapsPerDay(let t, _), .teachersMaxHoursDaily(let t, _),
      .teachersMinHoursDaily(let t, _, _), .teachersMaxDaysPerWeek(let t, _), .teachersMinDaysPerWeek(let t, _),
      .teachersMaxHoursContinuously(let t, _):
      r.teachers = t.map { [$0] } ?? []
    case .teachersIntervalMaxDaysPerWeek(let t, _, _, _), .teachersMaxSpanPerDay(let t, _, _),
      .teachersMinRestingHours(let t, _, _), .teachersMaxBuildingChangesPerDay(let t, _),
      .teachersMaxBuildingChangesPerWeek(let t, _), .teachersMinGapsBetweenBuildingChanges(let t, _):
      r.teachers = t.map { [$0] } ?? []
    case .studentsIntervalMaxDaysPerWeek(let st, _, _, _), .studentsMaxSpanPerDay(let st, _, _),
      .studentsMinRestingHours(let st, _, _), .studentsMaxDaysPerWeek(let st, _),
      .studentsMaxBuildingChangesPerDay(let st, _), .studentsMaxBuildingChangesPerWeek(let st, _),
      .studentsMinGapsBetweenBuildingChanges(let st, _):
      r.students = st.map { [$0] } ?? []
    case .teachersTagMaxHoursDaily(let t, _, let l, _), .teachersTagMaxHoursContinuously(let t, _, let l, _):
      r.teachers = t.map { [$0] } ?? []
      r.lessons = l
    case .studentsTagMaxHoursDaily(let st, _, let l, _), .studentsTagMaxHoursContinuously(let st, _, let l, _):
      r.students = st.map { [$0] } ?? []
      r.lessons = l
    case .studentsMinGapsBetweenTagPair(let st, _, let a, _, let b, _):
      r.students = st.map { [$0] } ?? []
      r.lessons = a + b
    case .teachersMinGapsBetweenTagPair(let t, _, let a, _, let b, _):
      r.teachers = t.map { [$0] } ?? []
      r.lessons = a + b
    case .preferredRooms(let l, let rooms):
      r.lessons = l
      r.rooms = rooms
    case .sameStartingDay(let l), .sameStartingPeriod(let l), .minGapsBetween(let l, _), .maxDaysBetween(let l, _):
      r.lessons = l
    case .ordered(let a, let b, _): r.lessons = [a, b]
    case .maxSimultaneous(let l, let s, _):
      r.lessons = l
      r.slots = s
    case .occupyMaxRooms(let l, _), .sameRoomIfConsecutive(let l): r.lessons = l
    }
    return r
  }
}
