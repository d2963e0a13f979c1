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

  init(problem: TimetableProblem, locks: [String: Placement] = [:]) throws {
    self.problem = problem
    let Dn = problem.days.count
    let P = problem.periodsPerDay
    days = Dn
    periods = P
    let dayIndex = Dictionary(problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let teacherIndex = Dictionary(problem.teachers.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let roomIndex = Dictionary(problem.rooms.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let classIndex = Dictionary(problem.classes.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    var unitIndex: [String: Int] = [:]
    for schoolClass in problem.classes {
      for unit in schoolClass.units where unitIndex[unit] == nil { unitIndex[unit] = unitIndex.count }
    }
    for lesson in problem.lessons {
      for unit in lesson.students where unitIndex[unit] == nil { unitIndex[unit] = unitIndex.count }
    }
    teacherCount = problem.teachers.count
    unitCount = unitIndex.count
    roomCount = problem.rooms.count
    let T = teacherCount
    let U = unitCount
    let slots = Dn * P

    func slotOf(_ slot: TimeSlot) -> Int? {
      guard let d = dayIndex[slot.day], slot.period >= 1, slot.period <= P else { return nil }
      return d * P + slot.period - 1
    }

    // Lessons.
    var lessonIndex: [String: Int] = [:]
    var duration: [Int] = []
    var parity: [UInt8] = []
    var teachers: [[Int32]] = []
    var units: [[Int32]] = []
    var classesOf: [[Int32]] = []
    var fixedResources: [[Int32]] = []
    var roomChoices: [[[Int32]]] = []
    var roomLayout: [[Int32]] = []
    var difficult: [Bool] = []
    for (i, lesson) in problem.lessons.enumerated() {
      guard lessonIndex[lesson.id] == nil else { throw SolverError.invalidProblem("the lesson id \(lesson.id) is used twice") }
      lessonIndex[lesson.id] = i
      guard lesson.duration >= 1, lesson.duration <= max(P, 1) else {
        throw SolverError.invalidProblem("the lesson \(lesson.id) has a duration of \(lesson.duration) P")
      }
      duration.append(lesson.duration)
      parity.append(lesson.weeks == .every ? 3 : (lesson.weeks == .odd ? 1 : 2))
      let t = try lesson.teachers.map { id -> Int32 in
        guard let k = teacherIndex[id] else { throw SolverError.invalidProblem("the lesson \(lesson.id) names no known teacher \(id)") }
        return Int32(k)
      }
      let u = lesson.students.map { Int32(T + unitIndex[$0]!) }
      let c = try lesson.classes.map { id -> Int32 in
        guard let k = classIndex[id] else { throw SolverError.invalidProblem("the lesson \(lesson.id) names no known class \(id)") }
        return Int32(k)
      }
      var fixed = Array(Set(t)).sorted() + Array(Set(u)).sorted()
      var choices: [[Int32]] = []
      var layout: [Int32] = []
      for requirement in lesson.rooms {
        let preferred = Set(requirement.preferred ?? [])
        let allowed = try requirement.allowed.map { id -> Int32 in
          guard let k = roomIndex[id] else { throw SolverError.invalidProblem("the lesson \(lesson.id) allows no known room \(id)") }
          return Int32(T + U + k)
        }
        let ordered = allowed.enumerated().sorted { a, b in
          let pa = preferred.contains(requirement.allowed[a.offset])
          let pb = preferred.contains(requirement.allowed[b.offset])
          return pa != pb ? pa : a.offset < b.offset
        }.map(\.element)
        if ordered.count == 1 {
          if !fixed.contains(ordered[0]) { fixed.append(ordered[0]) }
          layout.append(ordered[0])
        } else {
          layout.append(Int32(-1 - choices.count))
          choices.append(ordered)
        }
      }
      teachers.append(t)
      units.append(u)
      classesOf.append(c)
      fixedResources.append(fixed)
      roomChoices.append(choices)
      roomLayout.append(layout)
      difficult.append(lesson.difficult ?? false)
    }
    self.lessonIDs = problem.lessons.map(\.id)
    self.lessonIndex = lessonIndex
    self.duration = duration
    self.parity = parity
    self.teachers = teachers
    self.units = units
    self.classesOf = classesOf
    self.fixedResources = fixedResources
    self.roomChoices = roomChoices
    self.roomLayout = roomLayout
    self.difficult = difficult

    // Classes.
    classCount = problem.classes.count
    classNames = problem.classes.map(\.name)
    classFirst = problem.classes.map { max($0.firstPeriod - 1, 0) }
    classLast = problem.classes.map { min($0.lastPeriod - 1, P - 1) }
    var classLessons = Array(repeating: [Int32](), count: classCount)
    for (i, c) in classesOf.enumerated() { for k in c { classLessons[Int(k)].append(Int32(i)) } }
    self.classLessons = classLessons
    var compactWeight = Array(repeating: Weight.off, count: classCount)
    var compactStart = Array(repeating: false, count: classCount)
    var classMax = problem.classes.map { $0.lastPeriod - $0.firstPeriod + 1 }
    var classMaxWeight = Array(repeating: Weight.off, count: classCount)
    var teacherLessons = Array(repeating: [Int32](), count: T)
    for (i, t) in teachers.enumerated() { for k in t { teacherLessons[Int(k)].append(Int32(i)) } }
    self.teacherLessons = teacherLessons
    var unitLessons = Array(repeating: [Int32](), count: U)
    for (i, u) in units.enumerated() { for k in u { unitLessons[Int(k) - T].append(Int32(i)) } }
    self.unitLessons = unitLessons

    var dailyGroups: [DailyGroup] = []
    var spreadGroups: [SpreadGroup] = []
    var teacherGapWeight = 0
    var studentGapWeight = 0
    var difficultWeight = 0
    var roomChangeWeight = 0
    var doublesRule = Weight.off
    var daysOff = Array(repeating: (mask: UInt32(0), weight: 0), count: T)
    var teacherMax = Array(repeating: (max: Int.max, weight: 0), count: T)
    func lessonList(_ ids: [String]) -> [Int32] { ids.compactMap { lessonIndex[$0].map(Int32.init) } }
    for constraint in problem.constraints {
      let weight = Weight(constraint.weight)
      switch constraint.rule {
      case .classCompactDay(let id, let startAtFirst):
        if let c = classIndex[id] {
          compactWeight[c] = weight
          compactStart[c] = startAtFirst
        }
      case .classMaxLessonsPerDay(let id, let most):
        if let c = classIndex[id] {
          classMax[c] = most
          classMaxWeight[c] = weight
        }
      case .lessonsMaxPerDay(let ids, let most):
        dailyGroups.append(DailyGroup(lessons: lessonList(ids), max: most, weight: weight))
      case .doublesNotAcrossLongBreak:
        doublesRule = weight
      case .teacherGaps: teacherGapWeight += constraint.weight.isHard ? 1000 : constraint.weight.softWeight
      case .studentGaps: studentGapWeight += constraint.weight.isHard ? 1000 : constraint.weight.softWeight
      case .teacherDaysOff(let id, let off):
        if let t = teacherIndex[id] {
          var mask: UInt32 = 0
          for day in off { if let d = dayIndex[day] { mask |= 1 << UInt32(d) } }
          daysOff[t] = (mask, constraint.weight.isHard ? 1000 : constraint.weight.softWeight)
        }
      case .teacherMaxLessonsPerDay(let id, let most):
        if let t = teacherIndex[id] { teacherMax[t] = (most, constraint.weight.isHard ? 1000 : constraint.weight.softWeight) }
      case .subjectSpread(let ids):
        spreadGroups.append(SpreadGroup(lessons: lessonList(ids), weight: constraint.weight.isHard ? 1000 : constraint.weight.softWeight))
      case .difficultNotFirstLast: difficultWeight += constraint.weight.isHard ? 1000 : constraint.weight.softWeight
      case .teacherRoomChanges: roomChangeWeight += constraint.weight.isHard ? 1000 : constraint.weight.softWeight
      default: break
      }
    }
    self.compactWeight = compactWeight
    self.compactStartAtFirst = compactStart
    self.classMax = classMax
    self.classMaxWeight = classMaxWeight
    self.dailyGroups = dailyGroups
    self.spreadGroups = spreadGroups
    self.teacherGapWeight = teacherGapWeight
    self.studentGapWeight = studentGapWeight
    self.difficultWeight = difficultWeight
    self.roomChangeWeight = roomChangeWeight
    self.daysOff = daysOff
    self.teacherMax = teacherMax
    var groupsOfLesson = Array(repeating: [Int32](), count: duration.count)
    for (g, group) in dailyGroups.enumerated() { for l in group.lessons { groupsOfLesson[Int(l)].append(Int32(g)) } }
    self.groupsOfLesson = groupsOfLesson
    var spreadOfLesson = Array(repeating: [Int32](), count: duration.count)
    for (g, group) in spreadGroups.enumerated() { for l in group.lessons { spreadOfLesson[Int(l)].append(Int32(g)) } }
    self.spreadOfLesson = spreadOfLesson

    // Unavailable slots.
    var teacherOff = Array(repeating: Array(repeating: false, count: slots), count: T)
    for (t, teacher) in problem.teachers.enumerated() { for s in teacher.unavailable { if let k = slotOf(s) { teacherOff[t][k] = true } } }
    var classOff = Array(repeating: Array(repeating: false, count: slots), count: classCount)
    for (c, schoolClass) in problem.classes.enumerated() { for s in schoolClass.unavailable { if let k = slotOf(s) { classOff[c][k] = true } } }
    var roomOff = Array(repeating: Array(repeating: false, count: slots), count: roomCount)
    for (r, room) in problem.rooms.enumerated() { for s in room.unavailable { if let k = slotOf(s) { roomOff[r][k] = true } } }
    unavailableRoomSlots = roomOff
    let longBreaks = problem.classes.map { Set($0.longBreaksAfter.map { $0 - 1 }) }

    // Blocks: a lesson with its partner.
    var blockLessons: [[Int32]] = []
    var blockOf = Array(repeating: Int32(-1), count: duration.count)
    for (i, lesson) in problem.lessons.enumerated() where blockOf[i] < 0 {
      var members = [Int32(i)]
      if let partner = lesson.partner, let j = lessonIndex[partner], blockOf[j] < 0, j != i {
        members.append(Int32(j))
      }
      for m in members { blockOf[Int(m)] = Int32(blockLessons.count) }
      blockLessons.append(members)
    }
    self.blockLessons = blockLessons
    self.blockOf = blockOf
    blockDuration = blockLessons.map { $0.map { duration[Int($0)] }.max() ?? 1 }
    var domain: [[Int32]] = []
    var allowed: [[Bool]] = []
    var locked: [Bool] = []
    for (b, members) in blockLessons.enumerated() {
      let length = blockDuration[b]
      var starts: [Int32] = []
      var isLocked = false
      var lockedSlot: Int?
      for m in members {
        if let lock = locks[lessonIDs[Int(m)]], let d = dayIndex[lock.day] {
          isLocked = true
          lockedSlot = d * P + lock.period - 1
        }
      }
      for d in 0..<Dn {
        for p in 0...(max(P - length, 0)) where p + length <= P {
          let start = d * P + p
          if let lockedSlot {
            if start == lockedSlot { starts.append(Int32(start)) }
            continue
          }
          var ok = true
          check: for m in members.map(Int.init) {
            for c in classesOf[m] {
              let ci = Int(c)
              if p < classFirst[ci] || p + length - 1 > classLast[ci] { ok = false; break check }
              if !doublesRule.isOff, doublesRule.hard, length > 1 {
                for q in p..<(p + length - 1) where longBreaks[ci].contains(q) { ok = false; break check }
              }
              for q in 0..<length where classOff[ci][start + q] { ok = false; break check }
            }
            for t in teachers[m] { for q in 0..<length where teacherOff[Int(t)][start + q] { ok = false; break check } }
            for r in fixedResources[m] where Int(r) >= T + U {
              for q in 0..<length where roomOff[Int(r) - T - U][start + q] { ok = false; break check }
            }
          }
          if ok { starts.append(Int32(start)) }
        }
      }
      if lockedSlot != nil, starts.isEmpty {
        // A lock outside the lesson's own rules still holds: the lesson stays where it was put.
        starts = [Int32(lockedSlot!)]
      }
      var mask = Array(repeating: false, count: slots)
      for s in starts { mask[Int(s)] = true }
      domain.append(starts)
      allowed.append(mask)
      locked.append(isLocked)
    }
    self.domain = domain
    self.allowed = allowed
    self.locked = locked
  }

  func day(of slot: Int) -> Int { slot / periods }
  func period(of slot: Int) -> Int { slot % periods }
}

/// A problem the solver cannot work on, or a solve that could not run.
public enum SolverError: Error, CustomStringConvertible, Sendable {
  case invalidProblem(String)
  case invalidTimetable(String)

  public var description: String {
    switch self {
    case .invalidProblem(let m): return "invalid problem: \(m)"
    case .invalidTimetable(let m): return "invalid timetable: \(m)"
    }
  }
}
