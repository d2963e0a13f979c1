// ModelCompiler: the problem's constraints into the tables of their kinds (class days, wishes,
// bans and prices of time, rules on groups of lessons, rules on teachers and units).
import Planner

extension ModelCompiler {
  func lessonList(_ ids: [String]) -> [Int32] { ids.compactMap { lessonIndex[$0].map(Int32.init) } }
  func unitsOf(_ students: String?) -> [Int] {
    Array(Set(problem.units(of: students).compactMap { unitIndex[$0] })).sorted()
  }
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

  /// The weight of a rule the model counts as soft, hard ones included.
  func softWeight(_ weight: ConstraintWeight) -> Int {
    weight.isHard ? parameters.model.hardRuleAsSoftWeight : weight.softWeight
  }

  /// Every constraint into the tables of its kind, in the problem's order.
  mutating func compileConstraints() {
    for constraint in problem.constraints { compile(constraint) }
    indexLessonGroups()
  }

  mutating func compile(_ constraint: TimetableConstraint) {
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
      if weight.hard {
        mark(&teacherBan[t], slotList(list))
      } else {
        price(&teacherPrice[t], slotList(list), weight.soft)
      }
    case .studentsNotAvailable(let set, let list):
      for u in unitsOf(set) {
        if weight.hard { mark(&unitBan[u], slotList(list)) } else { price(&unitPrice[u], slotList(list), weight.soft) }
      }
    case .roomNotAvailable(let id, let list):
      guard let r = roomIndex[id] else { break }
      if weight.hard { mark(&roomBan[r], slotList(list)) } else { price(&roomPrice[r], slotList(list), weight.soft) }
    case .preferredStartingTimes(let ids, let list): preferStarts(lessonList(ids), slotList(list), weight)
    case .preferredTimeSlots(let ids, let list): preferSlots(lessonList(ids), slotList(list), weight)
    case .sameStartingTime(let ids):
      if weight.hard {
        sameStartGroups.append(lessonList(ids))
      } else {
        groupRules.append(GroupRule(kind: .sameStart, lessons: lessonList(ids), weight: weight))
      }
    case .minDaysBetween(let ids, let minDays, let consecutive):
      groupRules.append(
        GroupRule(kind: .minDays(minDays, consecutiveIfSameDay: consecutive), lessons: lessonList(ids), weight: weight))
    case .notOverlapping(let ids):
      groupRules.append(GroupRule(kind: .notOverlapping, lessons: lessonList(ids), weight: weight))
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
      for l in lessonList(ids) {
        groupRules.append(GroupRule(kind: .preferredRooms(set), lessons: [l], weight: weight))
      }
    case .sameStartingDay, .sameStartingPeriod, .minGapsBetween, .maxDaysBetween, .ordered, .maxSimultaneous,
      .occupyMaxRooms, .sameRoomIfConsecutive:
      compileActivityRule(constraint.rule, weight)
    case .endsStudentsDay(let ids):
      for l in lessonList(ids) { endsDayWeight[Int(l)] = weight }
    default: compileResourceRule(constraint.rule, weight)
    }
  }

  /// Rules of FET's activity constraints, each a group rule over its lessons.
  mutating func compileActivityRule(_ rule: ConstraintRule, _ weight: Weight) {
    switch rule {
    case .sameStartingDay(let ids):
      groupRules.append(GroupRule(kind: .sameDay, lessons: lessonList(ids), weight: weight))
    case .sameStartingPeriod(let ids):
      groupRules.append(GroupRule(kind: .samePeriod, lessons: lessonList(ids), weight: weight))
    case .minGapsBetween(let ids, let least):
      groupRules.append(GroupRule(kind: .minGaps(least), lessons: lessonList(ids), weight: weight))
    case .maxDaysBetween(let ids, let most):
      groupRules.append(GroupRule(kind: .maxDays(most), lessons: lessonList(ids), weight: weight))
    case .ordered(let a, let b, let ifSameDay):
      if let i = lessonIndex[a], let j = lessonIndex[b] {
        groupRules.append(
          GroupRule(kind: .ordered(ifSameDay: ifSameDay), lessons: [Int32(i), Int32(j)], weight: weight))
      }
    case .maxSimultaneous(let ids, let list, let most):
      var selected = Array(repeating: false, count: slots)
      for k in slotList(list) { selected[k] = true }
      groupRules.append(GroupRule(kind: .maxSimultaneous(selected, most), lessons: lessonList(ids), weight: weight))
    case .occupyMaxRooms(let ids, let most):
      groupRules.append(GroupRule(kind: .maxRooms(most), lessons: lessonList(ids), weight: weight))
      // Lessons that hold a room every week cannot be more than `most` at once in `most` rooms:
      // the time search is shown that, so that it spreads them out for the rooms to follow.
      guard weight.hard, parameters.model.impliedRoomRules else { return }
      let holding = lessonList(ids).filter { holdsRoomEveryWeek(Int($0)) }
      guard holding.count > most else { return }
      let everySlot = Array(repeating: true, count: slots)
      groupRules.append(
        GroupRule(kind: .maxSimultaneous(everySlot, most), lessons: holding, weight: weight, implied: true))
    case .sameRoomIfConsecutive(let ids):
      groupRules.append(GroupRule(kind: .sameRoomIfConsecutive, lessons: lessonList(ids), weight: weight))
    default: preconditionFailure("every other rule is compiled by compile(_:)")
    }
  }

  /// Whether a lesson takes a room every week wherever it is placed (a room of its own, or a
  /// choice it may not go without).
  func holdsRoomEveryWeek(_ lesson: Int) -> Bool {
    parity[lesson] == 3
      && roomLayout[lesson].contains { $0 >= 0 || !roomOptional[lesson][Int(-1 - $0)] }
  }

  /// Rules on teachers and on student units.
  mutating func compileResourceRule(_ rule: ConstraintRule, _ weight: Weight) {
    switch rule {
    case .studentsMaxGapsPerWeek(let set, let most): addResourceRule(students: set, .maxGapsPerWeek(most), weight)
    case .studentsMaxGapsPerDay(let set, let most): addResourceRule(students: set, .maxGapsPerDay(most), weight)
    case .studentsEarlyMaxBeginningsAtSecondHour(let set, let most):
      addResourceRule(students: set, .earlyBeginnings(most), weight)
    case .studentsMaxHoursDaily(let set, let most): addResourceRule(students: set, .maxHoursDaily(most), weight)
    case .studentsMinHoursDaily(let set, let least, let empty):
      addResourceRule(students: set, .minHoursDaily(least, allowEmptyDays: empty), weight)
    case .studentsMaxHoursContinuously(let set, let most):
      addResourceRule(students: set, .maxHoursContinuously(most), weight)
    case .teachersMaxGapsPerWeek(let t, let most): addResourceRule(teacher: t, .maxGapsPerWeek(most), weight)
    case .teachersMaxGapsPerDay(let t, let most): addResourceRule(teacher: t, .maxGapsPerDay(most), weight)
    case .teachersMaxHoursDaily(let t, let most): addResourceRule(teacher: t, .maxHoursDaily(most), weight)
    case .teachersMinHoursDaily(let t, let least, let empty):
      addResourceRule(teacher: t, .minHoursDaily(least, allowEmptyDays: empty), weight)
    case .teachersMaxDaysPerWeek(let t, let most): addResourceRule(teacher: t, .maxDaysPerWeek(most), weight)
    case .teachersMinDaysPerWeek(let t, let least): addResourceRule(teacher: t, .minDaysPerWeek(least), weight)
    case .teachersMaxHoursContinuously(let t, let most):
      addResourceRule(teacher: t, .maxHoursContinuously(most), weight)
    default: compileFETResourceRule(rule, weight)
    }
  }

  /// FET's interval max days, max span, min resting hours and activity-tag rules.
  mutating func compileFETResourceRule(_ rule: ConstraintRule, _ weight: Weight) {
    switch rule {
    case .teachersIntervalMaxDaysPerWeek(let t, let start, let end, let most):
      addResourceRule(teacher: t, .intervalMaxDays(intervalMask(start, end), max: most), weight)
    case .studentsIntervalMaxDaysPerWeek(let set, let start, let end, let most):
      addResourceRule(students: set, .intervalMaxDays(intervalMask(start, end), max: most), weight)
    case .teachersMaxSpanPerDay(let t, let most, let plusOne):
      addResourceRule(teacher: t, .maxSpan(most, oneDayPlusOne: plusOne), weight)
    case .studentsMaxSpanPerDay(let set, let most, let plusOne):
      addResourceRule(students: set, .maxSpan(most, oneDayPlusOne: plusOne), weight)
    case .teachersMinRestingHours(let t, let least, let circular):
      addResourceRule(teacher: t, .minRestingHours(least, circular: circular, periods: P), weight)
    case .studentsMinRestingHours(let set, let least, let circular):
      addResourceRule(students: set, .minRestingHours(least, circular: circular, periods: P), weight)
    case .studentsMaxDaysPerWeek(let set, let most): addResourceRule(students: set, .maxDaysPerWeek(most), weight)
    case .studentsMinGapsBetweenTagPair(let set, _, let first, _, let second, let least):
      addTagPairRules(unitsOf(set).map { T + $0 }, lessonList(first), lessonList(second), least, weight)
    case .teachersMinGapsBetweenTagPair(let t, _, let first, _, let second, let least):
      addTagPairRules(teacherTargets(t), lessonList(first), lessonList(second), least, weight)
    case .teachersMaxBuildingChangesPerDay(let t, let most): addBuildingRules(teacherTargets(t), .perDay(most), weight)
    case .teachersMaxBuildingChangesPerWeek(let t, let most):
      addBuildingRules(teacherTargets(t), .perWeek(most), weight)
    case .teachersMinGapsBetweenBuildingChanges(let t, let least):
      addBuildingRules(teacherTargets(t), .minGaps(least), weight)
    case .studentsMaxBuildingChangesPerDay(let set, let most):
      addBuildingRules(unitsOf(set).map { T + $0 }, .perDay(most), weight)
    case .studentsMaxBuildingChangesPerWeek(let set, let most):
      addBuildingRules(unitsOf(set).map { T + $0 }, .perWeek(most), weight)
    case .studentsMinGapsBetweenBuildingChanges(let set, let least):
      addBuildingRules(unitsOf(set).map { T + $0 }, .minGaps(least), weight)
    case .teachersTagMaxHoursDaily(let t, _, let ids, let most):
      addTagRules(teacherTargets(t), lessonList(ids), .tagMaxDaily(most), weight)
    case .studentsTagMaxHoursDaily(let set, _, let ids, let most):
      addTagRules(unitsOf(set).map { T + $0 }, lessonList(ids), .tagMaxDaily(most), weight)
    case .teachersTagMaxHoursContinuously(let t, _, let ids, let most):
      addTagRules(teacherTargets(t), lessonList(ids), .tagMaxContinuously(most), weight)
    case .studentsTagMaxHoursContinuously(let set, _, let ids, let most):
      addTagRules(unitsOf(set).map { T + $0 }, lessonList(ids), .tagMaxContinuously(most), weight)
    default: preconditionFailure("every other rule is compiled by compile(_:)")
    }
  }

  /// The periods `start ..< end` (numbered from 1) as a day mask.
  func intervalMask(_ start: Int, _ end: Int) -> UInt32 {
    var mask: UInt32 = 0
    for p in max(start, 1)..<max(min(end, P + 1), max(start, 1)) { mask |= 1 << UInt32(p - 1) }
    return mask
  }

  func teacherTargets(_ teacher: TeacherID?) -> [Int] {
    teacher.map { teacherIndex[$0].map { [$0] } ?? [] } ?? Array(0..<T)
  }

  /// One group rule per teacher or unit (resource number) over its lessons among the tagged ones.
  mutating func addTagRules(_ resources: [Int], _ tagged: [Int32], _ kind: GroupRule.Kind, _ weight: Weight) {
    let tagSet = Set(tagged)
    for r in resources {
      let own = (r < T ? teacherLessons[r] : unitLessons[r - T]).filter(tagSet.contains)
      if !own.isEmpty { groupRules.append(GroupRule(kind: kind, lessons: own, weight: weight)) }
    }
  }

  /// One group rule per teacher or unit (resource number) over its lessons of either tag, when it
  /// has lessons of both.
  mutating func addTagPairRules(_ resources: [Int], _ first: [Int32], _ second: [Int32], _ least: Int, _ weight: Weight)
  {
    let firstSet = Set(first)
    let either = firstSet.union(second)
    for r in resources {
      let own = (r < T ? teacherLessons[r] : unitLessons[r - T]).filter(either.contains)
      guard own.contains(where: firstSet.contains), own.contains(where: { !firstSet.contains($0) }) else { continue }
      groupRules.append(GroupRule(kind: .tagPairGaps(first: firstSet, min: least), lessons: own, weight: weight))
    }
  }

  /// One group rule per teacher or unit (resource number) over all its lessons, with the
  /// building of each room.
  mutating func addBuildingRules(_ resources: [Int], _ limit: GroupRule.BuildingRuleLimit, _ weight: Weight) {
    var names: [String: Int32] = [:]
    let buildingOfRoom = problem.rooms.map { room -> Int32 in
      guard let name = room.building, !name.isEmpty else { return -1 }
      if let k = names[name] { return k }
      names[name] = Int32(names.count)
      return Int32(names.count - 1)
    }
    for r in resources {
      let own = r < T ? teacherLessons[r] : unitLessons[r - T]
      guard own.count > 1 else { continue }
      groupRules.append(
        GroupRule(
          kind: .buildings(resource: Int32(r), buildingOfRoom: buildingOfRoom, limit: limit), lessons: own,
          weight: weight))
    }
  }

  mutating func addResourceRule(teacher: TeacherID?, _ kind: ResourceRule.Kind, _ weight: Weight) {
    let targets = teacher.map { teacherIndex[$0].map { [$0] } ?? [] } ?? Array(0..<T)
    for t in targets { resourceRules[t].append(ResourceRule(kind: kind, weight: weight)) }
  }

  mutating func addResourceRule(students: String?, _ kind: ResourceRule.Kind, _ weight: Weight) {
    for u in unitsOf(students) { resourceRules[T + u].append(ResourceRule(kind: kind, weight: weight)) }
  }

  /// Preferred starting times: the only ones allowed (hard), or a price on the others (soft).
  mutating func preferStarts(_ lessons: [Int32], _ allowedSlots: [Int], _ weight: Weight) {
    for l in lessons.map(Int.init) {
      if weight.hard {
        restrict(&startAllowed[l], to: allowedSlots)
      } else {
        let inList = Set(allowedSlots)
        price(&startPrice[l], (0..<slots).filter { !inList.contains($0) }, weight.soft)
      }
    }
  }

  /// Preferred time slots: every period a lesson occupies among them (hard), or a price on the
  /// starts that leave them (soft).
  mutating func preferSlots(_ lessons: [Int32], _ allowedSlots: [Int], _ weight: Weight) {
    for l in lessons.map(Int.init) {
      if weight.hard {
        restrict(&occupyAllowed[l], to: allowedSlots)
      } else {
        let inList = Set(allowedSlots)
        let length = duration[l]
        let bad = (0..<slots).filter { s in (0..<length).contains { q in s % P + q >= P || !inList.contains(s + q) } }
        price(&startPrice[l], bad, weight.soft)
      }
    }
  }

  /// The daily and spread groups of each lesson.
  mutating func indexLessonGroups() {
    groupsOfLesson = Array(repeating: [Int32](), count: duration.count)
    for (g, group) in dailyGroups.enumerated() { for l in group.lessons { groupsOfLesson[Int(l)].append(Int32(g)) } }
    spreadOfLesson = Array(repeating: [Int32](), count: duration.count)
    for (g, group) in spreadGroups.enumerated() { for l in group.lessons { spreadOfLesson[Int(l)].append(Int32(g)) } }
  }
}
