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
  /// Rules on each teacher (index t) and student unit (index teachers + u).
  let resourceRules: [[ResourceRule]]
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

  init(problem: TimetableProblem, locks: [String: Placement] = [:], parameters: SearchParameters = SearchParameters()) throws {
    self.problem = problem
    /// The weight of a rule the model counts as soft, hard ones included.
    func softWeight(_ weight: ConstraintWeight) -> Int {
      weight.isHard ? parameters.model.hardRuleAsSoftWeight : weight.softWeight
    }
    let Dn = problem.days.count
    let P = problem.periodsPerDay
    days = Dn
    periods = P
    let dayIndex = Dictionary(problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let teacherIndex = Dictionary(problem.teachers.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let roomIndex = Dictionary(problem.rooms.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let classIndex = Dictionary(problem.classes.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    // Student units that take exactly the same lessons and rules are one resource for the search
    // (a FET year divided into thousands of subgroups has far fewer distinct ones).
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
    teacherCount = problem.teachers.count
    unitCount = representative.count
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
    var roomOptional: [[Bool]] = []
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
      let u = Array(Set(lesson.students.map { Int32(T + unitIndex[$0]!) })).sorted()
      let c = try lesson.classes.map { id -> Int32 in
        guard let k = classIndex[id] else { throw SolverError.invalidProblem("the lesson \(lesson.id) names no known class \(id)") }
        return Int32(k)
      }
      var fixed = Array(Set(t)).sorted() + Array(Set(u)).sorted()
      var choices: [[Int32]] = []
      var optional: [Bool] = []
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
        if ordered.count == 1 && !requirement.isOptional {
          if !fixed.contains(ordered[0]) { fixed.append(ordered[0]) }
          layout.append(ordered[0])
        } else {
          layout.append(Int32(-1 - choices.count))
          choices.append(ordered)
          optional.append(requirement.isOptional)
        }
      }
      teachers.append(t)
      units.append(u)
      classesOf.append(c)
      fixedResources.append(fixed)
      roomChoices.append(choices)
      roomLayout.append(layout)
      roomOptional.append(optional)
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
    self.roomOptional = roomOptional
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
    let lessonCount = duration.count
    // Occupancy bans (hard) and prices (soft) per slot, before they become domains and penalties.
    var breakOff = Array(repeating: false, count: slots)
    var breakPrice = Array(repeating: 0, count: slots)
    var teacherBan = Array(repeating: [Bool](), count: T)
    var teacherPrice = Array(repeating: [Int](), count: T)
    var unitBan = Array(repeating: [Bool](), count: U)
    var unitPrice = Array(repeating: [Int](), count: U)
    var roomBan = Array(repeating: [Bool](), count: roomCount)
    var roomPrice = Array(repeating: [Int](), count: roomCount)
    var startAllowed = Array(repeating: [Bool](), count: lessonCount)
    var occupyAllowed = Array(repeating: [Bool](), count: lessonCount)
    var startPrice = Array(repeating: [Int](), count: lessonCount)
    var groupRules: [GroupRule] = []
    var resourceRules = Array(repeating: [ResourceRule](), count: T + U)
    var endsDayWeight = Array(repeating: Weight.off, count: lessonCount)
    var sameStartGroups: [[Int32]] = []
    let unitNumber = unitIndex
    func unitsOf(_ students: String?) -> [Int] { Array(Set(problem.units(of: students).compactMap { unitNumber[$0] })).sorted() }
    func slotList(_ list: [TimeSlot]) -> [Int] { list.compactMap(slotOf) }
    func mark(_ array: inout [Bool], _ list: [Int]) {
      if array.isEmpty { array = Array(repeating: false, count: slots) }
      for k in list { array[k] = true }
    }
    func price(_ array: inout [Int], _ list: [Int], _ weight: Int) {
      if array.isEmpty { array = Array(repeating: 0, count: slots) }
      for k in list { array[k] += weight }
    }
    func restrict(_ array: inout [Bool], to list: [Int]) {
      var allowedNow = Array(repeating: false, count: slots)
      for k in list { allowedNow[k] = true }
      if array.isEmpty { array = allowedNow } else { for k in 0..<slots { array[k] = array[k] && allowedNow[k] } }
    }
    func addResourceRule(teacher: TeacherID?, _ kind: ResourceRule.Kind, _ weight: Weight) {
      let targets = teacher.map { teacherIndex[$0].map { [$0] } ?? [] } ?? Array(0..<T)
      for t in targets { resourceRules[t].append(ResourceRule(kind: kind, weight: weight)) }
    }
    func addResourceRule(students: String?, _ kind: ResourceRule.Kind, _ weight: Weight) {
      for u in unitsOf(students) { resourceRules[T + u].append(ResourceRule(kind: kind, weight: weight)) }
    }
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
      case .teacherGaps: teacherGapWeight += softWeight(constraint.weight)
      case .studentGaps: studentGapWeight += softWeight(constraint.weight)
      case .teacherDaysOff(let id, let off):
        if let t = teacherIndex[id] {
          var mask: UInt32 = 0
          for day in off { if let d = dayIndex[day] { mask |= 1 << UInt32(d) } }
          daysOff[t] = (mask, softWeight(constraint.weight))
        }
      case .teacherMaxLessonsPerDay(let id, let most):
        if let t = teacherIndex[id] { teacherMax[t] = (most, softWeight(constraint.weight)) }
      case .subjectSpread(let ids):
        spreadGroups.append(SpreadGroup(lessons: lessonList(ids), weight: softWeight(constraint.weight)))
      case .difficultNotFirstLast: difficultWeight += softWeight(constraint.weight)
      case .teacherRoomChanges: roomChangeWeight += softWeight(constraint.weight)
      case .breakTimes(let list):
        if weight.hard { mark(&breakOff, slotList(list)) } else { price(&breakPrice, slotList(list), weight.soft) }
      case .teacherNotAvailable(let id, let list):
        guard let t = teacherIndex[id] else { break }
        if weight.hard { mark(&teacherBan[t], slotList(list)) } else { price(&teacherPrice[t], slotList(list), weight.soft) }
      case .studentsNotAvailable(let set, let list):
        for u in unitsOf(set) {
          if weight.hard { mark(&unitBan[u], slotList(list)) } else { price(&unitPrice[u], slotList(list), weight.soft) }
        }
      case .roomNotAvailable(let id, let list):
        guard let r = roomIndex[id] else { break }
        if weight.hard { mark(&roomBan[r], slotList(list)) } else { price(&roomPrice[r], slotList(list), weight.soft) }
      case .preferredStartingTimes(let ids, let list):
        let allowedSlots = slotList(list)
        for l in lessonList(ids).map(Int.init) {
          if weight.hard {
            restrict(&startAllowed[l], to: allowedSlots)
          } else {
            let inList = Set(allowedSlots)
            price(&startPrice[l], (0..<slots).filter { !inList.contains($0) }, weight.soft)
          }
        }
      case .preferredTimeSlots(let ids, let list):
        let allowedSlots = slotList(list)
        for l in lessonList(ids).map(Int.init) {
          if weight.hard {
            restrict(&occupyAllowed[l], to: allowedSlots)
          } else {
            let inList = Set(allowedSlots)
            let length = duration[l]
            let bad = (0..<slots).filter { s in (0..<length).contains { q in s % P + q >= P || !inList.contains(s + q) } }
            price(&startPrice[l], bad, weight.soft)
          }
        }
      case .sameStartingTime(let ids):
        if weight.hard { sameStartGroups.append(lessonList(ids)) } else { groupRules.append(GroupRule(kind: .sameStart, lessons: lessonList(ids), weight: weight)) }
      case .minDaysBetween(let ids, let minDays, let consecutive):
        groupRules.append(GroupRule(kind: .minDays(minDays, consecutiveIfSameDay: consecutive), lessons: lessonList(ids), weight: weight))
      case .notOverlapping(let ids): groupRules.append(GroupRule(kind: .notOverlapping, lessons: lessonList(ids), weight: weight))
      case .consecutiveIfSameDay(let ids):
        groupRules.append(GroupRule(kind: .consecutiveIfSameDay, lessons: lessonList(ids), weight: weight))
      case .consecutive(let a, let b):
        if let i = lessonIndex[a], let j = lessonIndex[b] {
          groupRules.append(GroupRule(kind: .consecutive, lessons: [Int32(i), Int32(j)], weight: weight))
        }
      case .grouped(let ids): groupRules.append(GroupRule(kind: .grouped, lessons: lessonList(ids), weight: weight))
      case .occupyMaxSlotsFromSelection(let ids, let list, let most):
        var selected = Array(repeating: false, count: slots)
        for k in slotList(list) { selected[k] = true }
        groupRules.append(GroupRule(kind: .occupyMax(selected, most), lessons: lessonList(ids), weight: weight))
      case .preferredRooms(let ids, let rooms):
        let set = Set(rooms.compactMap { roomIndex[$0].map { Int32(T + U + $0) } })
        for l in lessonList(ids) { groupRules.append(GroupRule(kind: .preferredRooms(set), lessons: [l], weight: weight)) }
      case .endsStudentsDay(let ids):
        for l in lessonList(ids) { endsDayWeight[Int(l)] = weight }
      case .studentsMaxGapsPerWeek(let set, let most): addResourceRule(students: set, .maxGapsPerWeek(most), weight)
      case .studentsMaxGapsPerDay(let set, let most): addResourceRule(students: set, .maxGapsPerDay(most), weight)
      case .studentsEarlyMaxBeginningsAtSecondHour(let set, let most): addResourceRule(students: set, .earlyBeginnings(most), weight)
      case .studentsMaxHoursDaily(let set, let most): addResourceRule(students: set, .maxHoursDaily(most), weight)
      case .studentsMinHoursDaily(let set, let least, let empty): addResourceRule(students: set, .minHoursDaily(least, allowEmptyDays: empty), weight)
      case .studentsMaxHoursContinuously(let set, let most): addResourceRule(students: set, .maxHoursContinuously(most), weight)
      case .teachersMaxGapsPerWeek(let t, let most): addResourceRule(teacher: t, .maxGapsPerWeek(most), weight)
      case .teachersMaxGapsPerDay(let t, let most): addResourceRule(teacher: t, .maxGapsPerDay(most), weight)
      case .teachersMaxHoursDaily(let t, let most): addResourceRule(teacher: t, .maxHoursDaily(most), weight)
      case .teachersMinHoursDaily(let t, let least, let empty): addResourceRule(teacher: t, .minHoursDaily(least, allowEmptyDays: empty), weight)
      case .teachersMaxDaysPerWeek(let t, let most): addResourceRule(teacher: t, .maxDaysPerWeek(most), weight)
      case .teachersMinDaysPerWeek(let t, let least): addResourceRule(teacher: t, .minDaysPerWeek(least), weight)
      case .teachersMaxHoursContinuously(let t, let most): addResourceRule(teacher: t, .maxHoursContinuously(most), weight)
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
    for t in 0..<T where !teacherBan[t].isEmpty { for k in 0..<slots where teacherBan[t][k] { teacherOff[t][k] = true } }
    var classOff = Array(repeating: Array(repeating: false, count: slots), count: classCount)
    for (c, schoolClass) in problem.classes.enumerated() { for s in schoolClass.unavailable { if let k = slotOf(s) { classOff[c][k] = true } } }
    var roomOff = Array(repeating: Array(repeating: false, count: slots), count: roomCount)
    for (r, room) in problem.rooms.enumerated() { for s in room.unavailable { if let k = slotOf(s) { roomOff[r][k] = true } } }
    for r in 0..<roomCount where !roomBan[r].isEmpty { for k in 0..<slots where roomBan[r][k] { roomOff[r][k] = true } }
    unavailableRoomSlots = roomOff
    let longBreaks = problem.classes.map { Set($0.longBreaksAfter.map { $0 - 1 }) }

    // Soft prices of time: what a lesson pays for starting at each slot.
    var startPenalty = Array(repeating: [Int32](), count: lessonCount)
    let anyPrice = breakPrice.contains { $0 > 0 } || teacherPrice.contains { !$0.isEmpty } || unitPrice.contains { !$0.isEmpty }
      || roomPrice.contains { !$0.isEmpty } || startPrice.contains { !$0.isEmpty }
    if anyPrice {
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
            for r in fixedResources[l] where Int(r) >= T + U && !roomPrice[Int(r) - T - U].isEmpty { total += roomPrice[Int(r) - T - U][k] }
          }
          row[start] = Int32(total)
          if total > 0 { any = true }
        }
        if any { startPenalty[l] = row }
      }
    }
    self.startPenalty = startPenalty

    // Rules on groups of lessons, on teachers and units, and lessons that end the day.
    self.groupRules = groupRules
    var groupRulesOfLesson = Array(repeating: [Int32](), count: lessonCount)
    for (g, rule) in groupRules.enumerated() { for l in rule.lessons { groupRulesOfLesson[Int(l)].append(Int32(g)) } }
    self.groupRulesOfLesson = groupRulesOfLesson
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
    self.resourceRules = resourceRules
    dailyResourceRules = resourceRules.map { $0.filter { !$0.isWeekly } }
    weeklyResourceRules = resourceRules.map { $0.filter(\.isWeekly) }
    hasResourceRules = resourceRules.contains { !$0.isEmpty }
    var excused = Array(repeating: UInt32(0), count: (T + U) * Dn)
    for r in 0..<(T + U) {
      let ban = r < T ? teacherBan[r] : unitBan[r - T]
      for d in 0..<Dn {
        var mask: UInt32 = 0
        for p in 0..<P where breakOff[d * P + p] || (!ban.isEmpty && ban[d * P + p]) { mask |= 1 << UInt32(p) }
        excused[r * Dn + d] = mask
      }
    }
    self.excused = excused
    self.endsDayWeight = endsDayWeight
    var endsDayOfUnit = Array(repeating: [Int32](), count: U)
    for l in 0..<lessonCount where !endsDayWeight[l].isOff { for u in units[l] { endsDayOfUnit[Int(u) - T].append(Int32(l)) } }
    self.endsDayOfUnit = endsDayOfUnit

    // Blocks: lessons that start together (odd/even partners, hard same starting times).
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
    var blockLessons: [[Int32]] = []
    var blockOf = Array(repeating: Int32(-1), count: lessonCount)
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
    self.blockLessons = blockLessons
    self.blockOf = blockOf
    blockDuration = blockLessons.map { $0.map { duration[Int($0)] }.max() ?? 1 }
    // A students unit whose days must be gapless, begin at the first hour and hold at most M
    // lessons can only have lessons in the first M hours it may use each day.
    var unitReach = Array(repeating: [Bool](), count: U)
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
            let own = duration[m]
            if !startAllowed[m].isEmpty && !startAllowed[m][start] { ok = false; break check }
            for q in 0..<own {
              if breakOff[start + q] { ok = false; break check }
              if !occupyAllowed[m].isEmpty && !occupyAllowed[m][start + q] { ok = false; break check }
            }
            for c in classesOf[m] {
              let ci = Int(c)
              if p < classFirst[ci] || p + own - 1 > classLast[ci] { ok = false; break check }
              if !doublesRule.isOff, doublesRule.hard, own > 1 {
                for q in p..<(p + own - 1) where longBreaks[ci].contains(q) { ok = false; break check }
              }
              for q in 0..<own where classOff[ci][start + q] { ok = false; break check }
            }
            for t in teachers[m] { for q in 0..<own where teacherOff[Int(t)][start + q] { ok = false; break check } }
            for u in units[m] where !unitBan[Int(u) - T].isEmpty {
              for q in 0..<own where unitBan[Int(u) - T][start + q] { ok = false; break check }
            }
            for u in units[m] where !unitReach[Int(u) - T].isEmpty {
              for q in 0..<own where !unitReach[Int(u) - T][start + q] { ok = false; break check }
            }
            for r in fixedResources[m] where Int(r) >= T + U {
              for q in 0..<own where roomOff[Int(r) - T - U][start + q] { ok = false; break check }
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
