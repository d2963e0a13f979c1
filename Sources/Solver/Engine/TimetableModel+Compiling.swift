// The compilation of a `TimetableProblem` into a `TimetableModel`, one method per phase: indexes
// and merged student units, lessons, classes and resources, constraints (their own file,
// TimetableModel+Constraints.swift), availability, prices of time, rule tables, blocks, the rooms
// of large groups under a maximum of rooms (RoomAllotment.swift) and domains.
import Planner

/// The tables of a model under construction: each phase fills some from the ones before it, and
/// `TimetableModel.init(problem:locks:parameters:)` takes them over once every phase has run.
struct ModelCompiler {
  typealias Weight = TimetableModel.Weight
  typealias DailyGroup = TimetableModel.DailyGroup
  typealias SpreadGroup = TimetableModel.SpreadGroup

  let problem: TimetableProblem
  let parameters: SearchParameters
  let Dn: Int
  let P: Int
  let slots: Int
  let dayIndex: [Weekday: Int]
  let teacherIndex: [TeacherID: Int]
  let roomIndex: [RoomID: Int]
  let classIndex: [ClassID: Int]
  /// The merged student unit of each unit name.
  var unitIndex: [String: Int] = [:]
  var T = 0
  var U = 0
  var roomCount: Int { problem.rooms.count }
  var classCount: Int { problem.classes.count }

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
  var roomOptional: [[Bool]] = []
  var difficult: [Bool] = []
  var lessonCount: Int { duration.count }

  // Classes, teachers and units.
  var classFirst: [Int] = []
  var classLast: [Int] = []
  var classLessons: [[Int32]] = []
  var teacherLessons: [[Int32]] = []
  var unitLessons: [[Int32]] = []
  var compactWeight: [Weight] = []
  var compactStart: [Bool] = []
  var classMax: [Int] = []
  var classMaxWeight: [Weight] = []

  // Rules.
  var dailyGroups: [DailyGroup] = []
  var spreadGroups: [SpreadGroup] = []
  var groupsOfLesson: [[Int32]] = []
  var spreadOfLesson: [[Int32]] = []
  var teacherGapWeight = 0
  var studentGapWeight = 0
  var difficultWeight = 0
  var roomChangeWeight = 0
  var doublesRule = Weight.off
  var daysOff: [(mask: UInt32, weight: Int)] = []
  var teacherMax: [(max: Int, weight: Int)] = []
  /// Occupancy bans (hard) and prices (soft) per slot, before they become domains and penalties.
  var breakOff: [Bool] = []
  var breakPrice: [Int] = []
  var teacherBan: [[Bool]] = []
  var teacherPrice: [[Int]] = []
  var unitBan: [[Bool]] = []
  var unitPrice: [[Int]] = []
  var roomBan: [[Bool]] = []
  var roomPrice: [[Int]] = []
  var startAllowed: [[Bool]] = []
  var occupyAllowed: [[Bool]] = []
  var startPrice: [[Int]] = []
  var groupRules: [GroupRule] = []
  var groupRulesOfLesson: [[Int32]] = []
  var resourceRules: [[ResourceRule]] = []
  var endsDayWeight: [Weight] = []
  var endsDayOfUnit: [[Int32]] = []
  var sameStartGroups: [[Int32]] = []
  var excused: [UInt32] = []
  var startPenalty: [[Int32]] = []

  // Availability.
  var teacherOff: [[Bool]] = []
  var classOff: [[Bool]] = []
  var roomOff: [[Bool]] = []
  var longBreaks: [Set<Int>] = []

  // Blocks.
  var blockLessons: [[Int32]] = []
  var blockOf: [Int32] = []
  var blockDuration: [Int] = []
  /// Per unit, the slots its hard rules leave it able to reach (empty: all).
  var unitReach: [[Bool]] = []
  var domain: [[Int32]] = []
  var allowed: [[Bool]] = []
  var locked: [Bool] = []

  /// The indexes of days, teachers, rooms and classes, and the merged student units.
  init(problem: TimetableProblem, parameters: SearchParameters) {
    self.problem = problem
    self.parameters = parameters
    Dn = problem.days.count
    P = problem.periodsPerDay
    slots = Dn * P
    dayIndex = Dictionary(problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    teacherIndex = Dictionary(
      problem.teachers.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    roomIndex = Dictionary(
      problem.rooms.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    classIndex = Dictionary(
      problem.classes.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    mergeStudentUnits()
  }

  /// Student units that take exactly the same lessons and rules are one resource for the search
  /// (a FET year divided into thousands of subgroups has far fewer distinct ones).
  private mutating func mergeStudentUnits() {
    var unitNames: [String] = []
    var lessonsOfUnit: [String: [Int]] = [:]
    for schoolClass in problem.classes {
      for unit in schoolClass.units where lessonsOfUnit[unit] == nil {
        lessonsOfUnit[unit] = []
        unitNames.append(unit)
      }
    }
    for (i, lesson) in problem.lessons.enumerated() {
      for unit in lesson.students {
        if lessonsOfUnit[unit] == nil { unitNames.append(unit) }
        lessonsOfUnit[unit, default: []].append(i)
      }
    }
    var rulesOfUnit: [String: [Int]] = [:]
    for (c, constraint) in problem.constraints.enumerated() {
      let students: String?
      switch constraint.rule {
      case .studentsNotAvailable(let set, _): students = set
      case .studentsMaxGapsPerWeek(let set?, _), .studentsMaxGapsPerDay(let set?, _),
        .studentsEarlyMaxBeginningsAtSecondHour(let set?, _), .studentsMaxHoursDaily(let set?, _),
        .studentsMinHoursDaily(let set?, _, _), .studentsMaxHoursContinuously(let set?, _):
        students = set
      default: students = nil
      }
      if let students { for unit in problem.units(of: students) { rulesOfUnit[unit, default: []].append(c) } }
    }
    var unitIndex: [String: Int] = [:]
    var representative: [String: Int] = [:]
    for unit in unitNames {
      let key = "\(lessonsOfUnit[unit] ?? [])|\(rulesOfUnit[unit] ?? [])"
      if let k = representative[key] {
        unitIndex[unit] = k
      } else {
        representative[key] = representative.count
        unitIndex[unit] = representative.count - 1
      }
    }
    self.unitIndex = unitIndex
    T = problem.teachers.count
    U = representative.count
  }

  func slotOf(_ slot: TimeSlot) -> Int? {
    guard let d = dayIndex[slot.day], slot.period >= 1, slot.period <= P else { return nil }
    return d * P + slot.period - 1
  }

  // MARK: - Lessons, classes, teachers and units

  /// Each lesson's duration, weeks, teachers, units, classes and rooms, as numbers.
  mutating func compileLessons() throws {
    for (i, lesson) in problem.lessons.enumerated() {
      guard lessonIndex[lesson.id] == nil else {
        throw SolverError.invalidProblem("the lesson id \(lesson.id) is used twice")
      }
      lessonIndex[lesson.id] = i
      guard lesson.duration >= 1, lesson.duration <= max(P, 1) else {
        throw SolverError.invalidProblem("the lesson \(lesson.id) has a duration of \(lesson.duration) P")
      }
      duration.append(lesson.duration)
      parity.append(lesson.weeks == .every ? 3 : (lesson.weeks == .odd ? 1 : 2))
      let t = try lesson.teachers.map { id -> Int32 in
        guard let k = teacherIndex[id] else {
          throw SolverError.invalidProblem("the lesson \(lesson.id) names no known teacher \(id)")
        }
        return Int32(k)
      }
      let u = Array(Set(lesson.students.map { Int32(T + unitIndex[$0]!) })).sorted()
      let c = try lesson.classes.map { id -> Int32 in
        guard let k = classIndex[id] else {
          throw SolverError.invalidProblem("the lesson \(lesson.id) names no known class \(id)")
        }
        return Int32(k)
      }
      var fixed = Array(Set(t)).sorted() + Array(Set(u)).sorted()
      let rooms = try compileRooms(of: lesson, fixed: &fixed)
      teachers.append(t)
      units.append(u)
      classesOf.append(c)
      fixedResources.append(fixed)
      roomChoices.append(rooms.choices)
      roomLayout.append(rooms.layout)
      roomOptional.append(rooms.optional)
      difficult.append(lesson.difficult ?? false)
    }
  }

  /// A lesson's room requirements: one allowed room (not optional) is a fixed resource, more are
  /// a choice, preferred rooms first.
  private func compileRooms(of lesson: Lesson, fixed: inout [Int32]) throws -> (
    choices: [[Int32]], optional: [Bool], layout: [Int32]
  ) {
    var choices: [[Int32]] = []
    var optional: [Bool] = []
    var layout: [Int32] = []
    for requirement in lesson.rooms {
      let preferred = Set(requirement.preferred ?? [])
      let allowed = try requirement.allowed.map { id -> Int32 in
        guard let k = roomIndex[id] else {
          throw SolverError.invalidProblem("the lesson \(lesson.id) allows no known room \(id)")
        }
        return Int32(T + U + k)
      }
      let ordered = allowed.enumerated().sorted { a, b in
        let pa = preferred.contains(requirement.allowed[a.offset])
        let pb = preferred.contains(requirement.allowed[b.offset])
        return pa != pb ? pa : a.offset < b.offset
      }.map(\.element)
      if ordered.count == 1 && !requirement.isOptional {
        if !fixed.contains(ordered[0]) { fixed.append(ordered[0]) }
        layout.append(ordered[0])
      } else {
        layout.append(Int32(-1 - choices.count))
        choices.append(ordered)
        optional.append(requirement.isOptional)
      }
    }
    return (choices, optional, layout)
  }

  /// The lessons of each class, teacher and unit, the classes' periods, and every per-class,
  /// per-teacher and per-slot table the constraints fill, at its neutral value.
  mutating func compileClasses() {
    classFirst = problem.classes.map { max($0.firstPeriod - 1, 0) }
    classLast = problem.classes.map { min($0.lastPeriod - 1, P - 1) }
    classLessons = Array(repeating: [Int32](), count: classCount)
    for (i, c) in classesOf.enumerated() { for k in c { classLessons[Int(k)].append(Int32(i)) } }
    compactWeight = Array(repeating: Weight.off, count: classCount)
    compactStart = Array(repeating: false, count: classCount)
    classMax = problem.classes.map { $0.lastPeriod - $0.firstPeriod + 1 }
    classMaxWeight = Array(repeating: Weight.off, count: classCount)
    teacherLessons = Array(repeating: [Int32](), count: T)
    for (i, t) in teachers.enumerated() { for k in t { teacherLessons[Int(k)].append(Int32(i)) } }
    unitLessons = Array(repeating: [Int32](), count: U)
    for (i, u) in units.enumerated() { for k in u { unitLessons[Int(k) - T].append(Int32(i)) } }

    daysOff = Array(repeating: (mask: UInt32(0), weight: 0), count: T)
    teacherMax = Array(repeating: (max: Int.max, weight: 0), count: T)
    breakOff = Array(repeating: false, count: slots)
    breakPrice = Array(repeating: 0, count: slots)
    teacherBan = Array(repeating: [Bool](), count: T)
    teacherPrice = Array(repeating: [Int](), count: T)
    unitBan = Array(repeating: [Bool](), count: U)
    unitPrice = Array(repeating: [Int](), count: U)
    roomBan = Array(repeating: [Bool](), count: roomCount)
    roomPrice = Array(repeating: [Int](), count: roomCount)
    startAllowed = Array(repeating: [Bool](), count: lessonCount)
    occupyAllowed = Array(repeating: [Bool](), count: lessonCount)
    startPrice = Array(repeating: [Int](), count: lessonCount)
    resourceRules = Array(repeating: [ResourceRule](), count: T + U)
    endsDayWeight = Array(repeating: Weight.off, count: lessonCount)
  }

  // MARK: - Time

  /// The slots where teachers, classes and rooms are not available.
  mutating func compileAvailability() {
    teacherOff = Array(repeating: Array(repeating: false, count: slots), count: T)
    for (t, teacher) in problem.teachers.enumerated() {
      for s in teacher.unavailable { if let k = slotOf(s) { teacherOff[t][k] = true } }
    }
    for t in 0..<T where !teacherBan[t].isEmpty {
      for k in 0..<slots where teacherBan[t][k] { teacherOff[t][k] = true }
    }
    classOff = Array(repeating: Array(repeating: false, count: slots), count: classCount)
    for (c, schoolClass) in problem.classes.enumerated() {
      for s in schoolClass.unavailable { if let k = slotOf(s) { classOff[c][k] = true } }
    }
    roomOff = Array(repeating: Array(repeating: false, count: slots), count: roomCount)
    for (r, room) in problem.rooms.enumerated() {
      for s in room.unavailable { if let k = slotOf(s) { roomOff[r][k] = true } }
    }
    for r in 0..<roomCount where !roomBan[r].isEmpty { for k in 0..<slots where roomBan[r][k] { roomOff[r][k] = true } }
    longBreaks = problem.classes.map { Set($0.longBreaksAfter.map { $0 - 1 }) }
  }

  /// Soft prices of time: what a lesson pays for starting at each slot.
  mutating func compileStartPenalties() {
    startPenalty = Array(repeating: [Int32](), count: lessonCount)
    let anyPrice =
      breakPrice.contains { $0 > 0 } || teacherPrice.contains { !$0.isEmpty } || unitPrice.contains { !$0.isEmpty }
      || roomPrice.contains { !$0.isEmpty } || startPrice.contains { !$0.isEmpty }
    guard anyPrice else { return }
    for l in 0..<lessonCount {
      let length = duration[l]
      var row = Array(repeating: Int32(0), count: slots)
      var any = false
      for start in 0..<slots {
        var total = startPrice[l].isEmpty ? 0 : startPrice[l][start]
        for q in 0..<length where start % P + q < P {
          let k = start + q
          total += breakPrice[k]
          for t in teachers[l] where !teacherPrice[Int(t)].isEmpty { total += teacherPrice[Int(t)][k] }
          for u in units[l] where !unitPrice[Int(u) - T].isEmpty { total += unitPrice[Int(u) - T][k] }
          for r in fixedResources[l] where Int(r) >= T + U && !roomPrice[Int(r) - T - U].isEmpty {
            total += roomPrice[Int(r) - T - U][k]
          }
        }
        row[start] = Int32(total)
        if total > 0 { any = true }
      }
      if any { startPenalty[l] = row }
    }
  }

  // MARK: - Rule tables

  /// Rules on groups of lessons, on teachers and units, and lessons that end the day, indexed
  /// for the search; the periods that are not gaps.
  mutating func compileRuleTables() {
    groupRulesOfLesson = Array(repeating: [Int32](), count: lessonCount)
    for (g, rule) in groupRules.enumerated() { for l in rule.lessons { groupRulesOfLesson[Int(l)].append(Int32(g)) } }
    // A missing day weighs as much as the lessons a working day needs, when both rules are hard.
    for r in resourceRules.indices {
      let daily = resourceRules[r].compactMap { rule -> Int? in
        if case .minHoursDaily(let least, _) = rule.kind, rule.weight.hard { return least }
        return nil
      }.max()
      guard let daily, daily > 1 else { continue }
      for k in resourceRules[r].indices {
        if case .minDaysPerWeek = resourceRules[r][k].kind, resourceRules[r][k].weight.hard {
          resourceRules[r][k].unitsPerMissingDay = daily
        }
      }
    }
    excused = Array(repeating: UInt32(0), count: (T + U) * Dn)
    for r in 0..<(T + U) {
      let ban = r < T ? teacherBan[r] : unitBan[r - T]
      for d in 0..<Dn {
        var mask: UInt32 = 0
        for p in 0..<P where breakOff[d * P + p] || (!ban.isEmpty && ban[d * P + p]) { mask |= 1 << UInt32(p) }
        excused[r * Dn + d] = mask
      }
    }
    endsDayOfUnit = Array(repeating: [Int32](), count: U)
    for l in 0..<lessonCount where !endsDayWeight[l].isOff {
      for u in units[l] { endsDayOfUnit[Int(u) - T].append(Int32(l)) }
    }
  }

  // MARK: - Blocks and domains

  /// Blocks: lessons that start together (odd/even partners, hard same starting times).
  mutating func compileBlocks() {
    var parent = Array(0..<lessonCount)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    func union(_ a: Int, _ b: Int) {
      let ra = find(a)
      let rb = find(b)
      if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
    for (i, lesson) in problem.lessons.enumerated() {
      if let partner = lesson.partner, let j = lessonIndex[partner], j != i { union(i, j) }
    }
    for group in sameStartGroups { for l in group.dropFirst() { union(Int(group[0]), Int(l)) } }
    blockOf = Array(repeating: Int32(-1), count: lessonCount)
    var blockOfRoot: [Int: Int] = [:]
    for i in 0..<lessonCount {
      let root = find(i)
      if let b = blockOfRoot[root] {
        blockLessons[b].append(Int32(i))
        blockOf[i] = Int32(b)
      } else {
        blockOfRoot[root] = blockLessons.count
        blockOf[i] = Int32(blockLessons.count)
        blockLessons.append([Int32(i)])
      }
    }
    blockDuration = blockLessons.map { $0.map { duration[Int($0)] }.max() ?? 1 }
  }

  /// A students unit whose days must be gapless, begin at the first hour and hold at most M
  /// lessons can only have lessons in the first M hours it may use each day.
  mutating func compileUnitReach() {
    unitReach = Array(repeating: [Bool](), count: U)
    for u in 0..<U {
      var noGaps = false
      var startsFirst = false
      var most = Int.max
      for rule in resourceRules[T + u] where rule.weight.hard {
        switch rule.kind {
        case .maxGapsPerWeek(0), .maxGapsPerDay(0): noGaps = true
        case .earlyBeginnings(0): startsFirst = true
        case .maxHoursDaily(let m): most = min(most, m)
        default: break
        }
      }
      guard noGaps, startsFirst, most < P else { continue }
      var reach = Array(repeating: false, count: slots)
      for d in 0..<Dn {
        var usable = 0
        for p in 0..<P where excused[(T + u) * Dn + d] & (1 << UInt32(p)) == 0 {
          usable += 1
          reach[d * P + p] = usable <= most
        }
      }
      unitReach[u] = reach
    }
  }

  /// Each block's domain of start slots: its lock's slot, or every start its lessons' shift,
  /// grid, availability and long breaks allow.
  mutating func compileDomains(locks: [String: Placement]) {
    for (b, members) in blockLessons.enumerated() {
      let length = blockDuration[b]
      var starts: [Int32] = []
      var isLocked = false
      var lockedSlot: Int?
      for m in members {
        if let lock = locks[problem.lessons[Int(m)].id], let d = dayIndex[lock.day] {
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
          if mayStart(members, at: start, period: p) { starts.append(Int32(start)) }
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
  }

  /// Whether a lesson alone may start anywhere (its rules, its teachers', students' and rooms'
  /// times).
  func mayStartSomewhere(_ lesson: Int) -> Bool {
    let own = duration[lesson]
    guard own <= P else { return false }
    return (0..<Dn).contains { d in
      (0...(P - own)).contains { p in mayStart([Int32(lesson)], at: d * P + p, period: p) }
    }
  }

  /// Whether every lesson of a block may start at a slot (at period `p` of its day).
  private func mayStart(_ members: [Int32], at start: Int, period p: Int) -> Bool {
    for m in members.map(Int.init) {
      let own = duration[m]
      if !startAllowed[m].isEmpty && !startAllowed[m][start] { return false }
      for q in 0..<own {
        if breakOff[start + q] { return false }
        if !occupyAllowed[m].isEmpty && !occupyAllowed[m][start + q] { return false }
      }
      for c in classesOf[m] {
        let ci = Int(c)
        if p < classFirst[ci] || p + own - 1 > classLast[ci] { return false }
        if !doublesRule.isOff, doublesRule.hard, own > 1 {
          for q in p..<(p + own - 1) where longBreaks[ci].contains(q) { return false }
        }
        for q in 0..<own where classOff[ci][start + q] { return false }
      }
      for t in teachers[m] { for q in 0..<own where teacherOff[Int(t)][start + q] { return false } }
      for u in units[m] where !unitBan[Int(u) - T].isEmpty {
        for q in 0..<own where unitBan[Int(u) - T][start + q] { return false }
      }
      for u in units[m] where !unitReach[Int(u) - T].isEmpty {
        for q in 0..<own where !unitReach[Int(u) - T][start + q] { return false }
      }
      for r in fixedResources[m] where Int(r) >= T + U {
        for q in 0..<own where roomOff[Int(r) - T - U][start + q] { return false }
      }
      // A room the lesson needs must be open: one of its choice at least.
      for (k, choice) in roomChoices[m].enumerated() where !roomOptional[m][k] {
        let open = choice.contains { r in !(0..<own).contains { roomOff[Int(r) - T - U][start + $0] } }
        if !open { return false }
      }
    }
    return true
  }
}
