// The timetable problem compiled to integers for the search (the compilation itself is in
// TimetableModel+Compiling.swift), and the solver's errors.
import Planner

/// The timetable problem compiled to integers for the search: slots, lessons grouped into blocks
/// that are placed together (odd/even partners share a slot), resources whose clashes are counted,
/// each block's domain of start slots, and the rules in the forms the search evaluates quickly.
///
/// A slot is `day × periods + period` with 0-based day and period. Resources are numbered
/// teachers, then student units, then rooms.
struct TimetableModel {
  let problem: TimetableProblem
  let days: Int
  let periods: Int
  var slots: Int { days * periods }

  let teacherCount: Int
  let unitCount: Int
  let roomCount: Int
  var resourceCount: Int { teacherCount + unitCount + roomCount }

  // Lessons.
  let lessonIDs: [String]
  let lessonIndex: [String: Int]
  let duration: [Int]
  /// Week parities a lesson is held in: bit 0 odd weeks, bit 1 even weeks.
  let parity: [UInt8]
  let teachers: [[Int32]]
  let units: [[Int32]]
  let classesOf: [[Int32]]
  /// Resources every placement of the lesson takes: its teachers, units and the rooms of
  /// requirements that allow one room only.
  let fixedResources: [[Int32]]
  /// For each room requirement with a choice, the rooms allowed (resource numbers), preferred first.
  let roomChoices: [[[Int32]]]
  /// For each choice, whether the lesson may go without a room.
  let roomOptional: [[Bool]]
  /// For each room requirement of the lesson, in order: the fixed room, or -1-k for choice k.
  let roomLayout: [[Int32]]
  let difficult: [Bool]

  // Blocks.
  let blockLessons: [[Int32]]
  let blockOf: [Int32]
  let blockDuration: [Int]
  /// Start slots a block may take (shift, grid, availability, long breaks, locks).
  let domain: [[Int32]]
  /// Per block and slot, whether it is in the domain.
  let allowed: [[Bool]]
  /// Blocks whose start is fixed by a lock.
  let locked: [Bool]

  // Classes.
  let classCount: Int
  let classLessons: [[Int32]]
  let classFirst: [Int]
  let classLast: [Int]
  let classNames: [String]
  /// Weight of the compact-day rule of each class, with whether the day must start at the first period.
  let compactWeight: [Weight]
  let compactStartAtFirst: [Bool]
  let classMax: [Int]
  let classMaxWeight: [Weight]

  // Teachers and units.
  let teacherLessons: [[Int32]]
  let unitLessons: [[Int32]]
  let unavailableRoomSlots: [[Bool]]

  // Rules over lesson groups.
  struct DailyGroup {
    var lessons: [Int32]
    var max: Int
    var weight: Weight
  }
  let dailyGroups: [DailyGroup]
  let groupsOfLesson: [[Int32]]
  struct SpreadGroup {
    var lessons: [Int32]
    var weight: Int
  }
  let spreadGroups: [SpreadGroup]
  let spreadOfLesson: [[Int32]]

  // Soft wishes.
  let teacherGapWeight: Int
  let studentGapWeight: Int
  let difficultWeight: Int
  let roomChangeWeight: Int
  /// Per teacher: days asked free (bit per day) and the weight.
  let daysOff: [(mask: UInt32, weight: Int)]
  let teacherMax: [(max: Int, weight: Int)]

  // Rules of the kinds FET files use.
  /// Soft cost of each lesson starting at each slot (breaks, not-available times and preferred
  /// times that are soft); empty for a lesson without any.
  let startPenalty: [[Int32]]
  let groupRules: [GroupRule]
  let groupRulesOfLesson: [[Int32]]
  /// The rules on the rooms of several lessons (`RoomRuleRepair.serves`) of each lesson.
  let roomRulesOfLesson: [[Int32]]
  /// Rules on each teacher (index t) and student unit (index teachers + u).
  let resourceRules: [[ResourceRule]]
  /// The least hard maximum of busy days a week of each teacher and unit (`Int.max`: none).
  let hardMaxDays: [Int]
  /// Whether any teacher or unit has one.
  let hasHardMaxDays: Bool
  /// The same, split into rules priced day by day and rules priced over the week.
  let dailyResourceRules: [[ResourceRule]]
  let weeklyResourceRules: [[ResourceRule]]
  /// Periods of each day that are not gaps for a teacher or unit (hard breaks, hard not-available
  /// times): index r × days + d.
  let excused: [UInt32]
  /// The weight of "ends its students' day" for each lesson (`.off` for most).
  let endsDayWeight: [Weight]
  let endsDayOfUnit: [[Int32]]
  let hasResourceRules: Bool

  /// A rule's weight as the search sees it.
  struct Weight: Equatable {
    var hard: Bool
    var soft: Int
    static let off = Weight(hard: false, soft: 0)
    var isOff: Bool { !hard && soft == 0 }
    init(hard: Bool, soft: Int) {
      self.hard = hard
      self.soft = soft
    }
    init(_ weight: ConstraintWeight) {
      hard = weight.isHard
      soft = weight.softWeight
    }
  }

  // MARK: - Compiling

  /// Compiles a problem (see `ModelCompiler` for the phases); `locks` fix blocks' starts.
  init(problem: TimetableProblem, locks: [String: Placement] = [:], parameters: SearchParameters = SearchParameters())
    throws
  {
    var c = ModelCompiler(problem: problem, parameters: parameters)
    try c.compileLessons()
    c.compileClasses()
    c.compileConstraints()
    c.compileAvailability()
    c.compileStartPenalties()
    c.compileRuleTables()
    c.compileBlocks()
    c.compileUnitReach()
    c.compileRoomAllotment()
    c.compileDomains(locks: locks)
    self.init(problem: problem, compiled: c)
  }

  /// Takes over the tables of a finished compilation.
  private init(problem: TimetableProblem, compiled c: ModelCompiler) {
    self.problem = problem
    days = c.Dn
    periods = c.P
    teacherCount = c.T
    unitCount = c.U
    roomCount = c.roomCount
    lessonIDs = problem.lessons.map(\.id)
    lessonIndex = c.lessonIndex
    duration = c.duration
    parity = c.parity
    teachers = c.teachers
    units = c.units
    classesOf = c.classesOf
    fixedResources = c.fixedResources
    roomChoices = c.roomChoices
    roomOptional = c.roomOptional
    roomLayout = c.roomLayout
    difficult = c.difficult
    blockLessons = c.blockLessons
    blockOf = c.blockOf
    blockDuration = c.blockDuration
    domain = c.domain
    allowed = c.allowed
    locked = c.locked
    classCount = c.classCount
    classLessons = c.classLessons
    classFirst = c.classFirst
    classLast = c.classLast
    classNames = problem.classes.map(\.name)
    compactWeight = c.compactWeight
    compactStartAtFirst = c.compactStart
    classMax = c.classMax
    classMaxWeight = c.classMaxWeight
    teacherLessons = c.teacherLessons
    unitLessons = c.unitLessons
    unavailableRoomSlots = c.roomOff
    dailyGroups = c.dailyGroups
    groupsOfLesson = c.groupsOfLesson
    spreadGroups = c.spreadGroups
    spreadOfLesson = c.spreadOfLesson
    teacherGapWeight = c.teacherGapWeight
    studentGapWeight = c.studentGapWeight
    difficultWeight = c.difficultWeight
    roomChangeWeight = c.roomChangeWeight
    daysOff = c.daysOff
    teacherMax = c.teacherMax
    startPenalty = c.startPenalty
    groupRules = c.groupRules
    groupRulesOfLesson = c.groupRulesOfLesson
    let rules = c.groupRules
    roomRulesOfLesson = c.groupRulesOfLesson.map { $0.filter { RoomRuleRepair.serves(rules[Int($0)].kind) } }
    resourceRules = c.resourceRules
    hardMaxDays = c.resourceRules.map { rules in
      rules.reduce(Int.max) { most, rule in
        if case .maxDaysPerWeek(let days) = rule.kind, rule.weight.hard { return min(most, days) }
        return most
      }
    }
    hasHardMaxDays = hardMaxDays.contains { $0 != Int.max }
    dailyResourceRules = c.resourceRules.map { $0.filter { !$0.isWeekly } }
    weeklyResourceRules = c.resourceRules.map { $0.filter(\.isWeekly) }
    excused = c.excused
    endsDayWeight = c.endsDayWeight
    endsDayOfUnit = c.endsDayOfUnit
    hasResourceRules = c.resourceRules.contains { !$0.isEmpty }
  }

  func day(of slot: Int) -> Int { slot / periods }
  /// The lessons of a teacher or student unit (its resource index).
  func lessons(ofResource r: Int) -> [Int32] { r < teacherCount ? teacherLessons[r] : unitLessons[r - teacherCount] }
  /// Whether a room (its resource index) is closed in any of the `length` periods from `slot`.
  func isRoomClosed(_ room: Int32, from slot: Int, length: Int = 1) -> Bool {
    let closed = unavailableRoomSlots[Int(room) - teacherCount - unitCount]
    return (0..<length).contains { closed[slot + $0] }
  }
  func period(of slot: Int) -> Int { slot % periods }
}

/// A problem the solver cannot work on, or a solve that could not run.
public enum SolverError: Error, CustomStringConvertible, Sendable {
  case invalidProblem(String)
  case invalidTimetable(String)
  /// Settings a search cannot run with (see `SearchParameters.problems`).
  case invalidSettings(String)

  public var description: String {
    switch self {
    case .invalidSettings(let m): return "invalid search settings: \(m)"
    case .invalidProblem(let m): return "invalid problem: \(m)"
    case .invalidTimetable(let m): return "invalid timetable: \(m)"
    }
  }
}
