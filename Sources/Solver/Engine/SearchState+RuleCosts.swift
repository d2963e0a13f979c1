// SearchState: the cost of each rule on its part of the timetable (a class day, a teacher day, a
// group of lessons, a rule on a teacher or unit), computed from the occupancy masks.

extension SearchState {
  func computeResourceDay(_ r: Int, _ d: Int) -> Cost {
    let rules = model.dailyResourceRules[r]
    guard !rules.isEmpty else { return .zero }
    let mask = resourceMask(r, d)
    let excused = model.excused[r * D + d]
    var total = Cost.zero
    for rule in rules {
      // A teacher's minimum counts only for teachers with lessons.
      if case .minHoursDaily = rule.kind, r < model.teacherCount, model.teacherLessons[r].isEmpty { continue }
      total += weighted(rule.dayUnits(mask: mask, excused: excused), rule.weight)
    }
    return total
  }

  func computeResourceWeek(_ r: Int) -> Cost {
    let rules = model.weeklyResourceRules[r]
    guard !rules.isEmpty else { return .zero }
    let busyAtAll = !model.lessons(ofResource: r).isEmpty
    var total = Cost.zero
    var masks: [UInt32] = []
    for rule in rules {
      if rule.usesMasks {
        if masks.isEmpty { masks = (0..<D).map { resourceMask(r, $0) } }
        total += weighted(rule.weekUnits(masks: masks, excused: [], busyAtAll: busyAtAll), rule.weight)
      } else {
        total += weighted(rule.weekUnits(weekStats[r], busyAtAll: busyAtAll), rule.weight)
      }
    }
    return total
  }

  func computeEndsDay(_ lesson: Int) -> Cost { endsDayViolation(lesson, periodsAfter: periodsAfter(lesson)) }

  /// One violation of a lesson that must end its students' day, when they are busy after it.
  func endsDayViolation(_ lesson: Int, periodsAfter: Int) -> Cost {
    periodsAfter > 0 ? weighted(1, model.endsDayWeight[lesson]) : .zero
  }

  /// What the search (never the true cost) adds for a lesson that must end its students' day
  /// and does not, with `endsDayDistance`: the periods but one that their day runs on past it.
  func endsDayDistanceUnits(_ violation: Cost, periodsAfter: Int) -> Int {
    endsDayDistance && violation.hard > 0 ? periodsAfter - 1 : 0
  }

  /// The periods of a lesson's day that its students are busy after it (the most over its
  /// units); 0 when it ends their day or is not placed.
  func periodsAfter(_ lesson: Int) -> Int {
    let s = Int(start[Int(model.blockOf[lesson])])
    guard s >= 0 else { return 0 }
    let end = s % P + model.duration[lesson] - 1
    let later: UInt32 = end >= 31 ? 0 : ~((UInt32(1) << UInt32(end + 1)) - 1)
    var most = 0
    for u in model.units[lesson] { most = max(most, (resourceMask(Int(u), s / P) & later).nonzeroBitCount) }
    return most
  }

  func computeRule(_ g: Int) -> Cost {
    let rule = model.groupRules[g]
    scratchPlaced.removeAll(keepingCapacity: true)
    for l in rule.lessons {
      let s = Int(start[Int(model.blockOf[Int(l)])])
      if s >= 0 { scratchPlaced.append((Int(l), s)) }
    }
    let placed = scratchPlaced
    var units = 0
    switch rule.kind {
    case .minDays(let minDays, let consecutiveIfSameDay):
      for i in 0..<placed.count {
        for j in (i + 1)..<max(placed.count, i + 1) {
          let a = placed[i]
          let b = placed[j]
          let apart = abs(a.slot / P - b.slot / P)
          if apart < minDays {
            units += 1
            if consecutiveIfSameDay, apart == 0, !areNext(a, b) { units += 1 }
          }
        }
      }
    case .sameStart:
      if let first = placed.first { units = placed.dropFirst().filter { $0.slot != first.slot }.count }
    case .consecutiveIfSameDay:
      for i in 0..<placed.count {
        for j in (i + 1)..<max(placed.count, i + 1) {
          let a = placed[i]
          let b = placed[j]
          if a.slot / P == b.slot / P, !areNext(a, b) { units += 1 }
        }
      }
    case .notOverlapping:
      for i in 0..<placed.count {
        for j in (i + 1)..<max(placed.count, i + 1) {
          let a = placed[i]
          let b = placed[j]
          if a.slot / P == b.slot / P, a.slot < b.slot + model.duration[b.lesson],
            b.slot < a.slot + model.duration[a.lesson]
          {
            units += 1
          }
        }
      }
    case .consecutive:
      if placed.count == 2 {
        let a = placed[0]
        let b = placed[1]
        if !(a.slot / P == b.slot / P && a.slot + model.duration[a.lesson] == b.slot) { units = 1 }
      }
    case .grouped:
      if placed.count == rule.lessons.count, placed.count > 1 {
        let sorted = placed.sorted { $0.slot < $1.slot }
        var ok = Set(sorted.map { $0.slot / P }).count == 1
        for k in 1..<sorted.count where sorted[k].slot != sorted[k - 1].slot + model.duration[sorted[k - 1].lesson] {
          ok = false
        }
        if !ok { units = 1 }
      }
    case .occupyMax(let selected, let most):
      var used = Set<Int>()
      for p in placed { for q in 0..<model.duration[p.lesson] where selected[p.slot + q] { used.insert(p.slot + q) } }
      units = max(0, used.count - most)
    case .preferredRooms(let rooms):
      for p in placed {
        let room = model.roomLayout[p.lesson].first.map { $0 >= 0 ? $0 : chosenRooms[p.lesson][Int(-1 - $0)] }
        if room == nil || !rooms.contains(room!) { units += 1 }
      }
    case .sameDay, .samePeriod, .minGaps, .maxDays, .ordered, .maxSimultaneous:
      units = activityRuleUnits(rule.kind, placed)
    case .maxRooms(let most): units = roomCountUnits(placed, max: most)
    case .sameRoomIfConsecutive: units = roomChangeUnits(placed)
    case .tagMaxDaily(let most): units = tagUnits(placed, max: most, continuously: false)
    case .tagMaxContinuously(let most): units = tagUnits(placed, max: most, continuously: true)
    case .tagPairGaps(let first, let least): units = tagPairUnits(placed, first: first, min: least)
    case .buildings(_, _, let limit):
      units = buildingUnits(limit, days: (0..<D).map { buildingDayValue(g, day: $0) })
    }
    return weighted(units, rule.weight)
  }

  /// The building of a lesson's room for one of its teachers or units under a rule on buildings
  /// (the teacher's room, a unit's first), nil when that room is in none.
  func building(of lesson: Int, resource r: Int, _ buildingOfRoom: [Int32]) -> Int32? {
    let roomBase = model.teacherCount + model.unitCount
    let room = Int(room(of: lesson, teacher: r < model.teacherCount ? r : -1))
    guard room >= roomBase, buildingOfRoom[room - roomBase] >= 0 else { return nil }
    return buildingOfRoom[room - roomBase]
  }

  /// Units of a tag-pair rule: per day, periods of first lessons (bit set in the first mask) and
  /// of second ones, scanned as FET does.
  func tagPairUnits(_ placed: [(lesson: Int, slot: Int)], first: Set<Int32>, min least: Int) -> Int {
    if scratchMasks.count != 2 * D { scratchMasks = Array(repeating: 0, count: 2 * D) }
    for k in 0..<(2 * D) { scratchMasks[k] = 0 }
    for p in placed {
      let isFirst = first.contains(Int32(p.lesson))
      for q in 0..<model.duration[p.lesson] where p.slot % P + q < P {
        scratchMasks[2 * (p.slot / P) + (isFirst ? 0 : 1)] |= 1 << UInt32(p.slot % P + q)
      }
    }
    var units = 0
    for d in 0..<D where scratchMasks[2 * d + 1] != 0 {
      let firsts = scratchMasks[2 * d]
      let seconds = scratchMasks[2 * d + 1] & ~firsts
      var count = -1
      for p in 0..<P {
        let bit = UInt32(1) << UInt32(p)
        if firsts & bit != 0 {
          count = 0
        } else if seconds & bit != 0 {
          if count >= 0, count < least { units += 1 }
          count = -1
        } else if count >= 0 {
          count += 1
        }
      }
    }
    return units
  }

  /// Units of an activity-tag rule: per day, the periods the placed lessons occupy beyond `most`
  /// (or, `continuously`, the periods of each run beyond it).
  func tagUnits(_ placed: [(lesson: Int, slot: Int)], max most: Int, continuously: Bool) -> Int {
    if scratchMasks.count != D { scratchMasks = Array(repeating: 0, count: D) }
    for d in 0..<D { scratchMasks[d] = 0 }
    for p in placed {
      for q in 0..<model.duration[p.lesson] where p.slot % P + q < P {
        scratchMasks[p.slot / P] |= 1 << UInt32(p.slot % P + q)
      }
    }
    var units = 0
    for mask in scratchMasks where mask != 0 {
      units += continuously ? ResourceRule.longestRunExcess(mask, max: most) : max(0, mask.nonzeroBitCount - most)
    }
    return units
  }

  static func gaps(_ mask: UInt32) -> Int {
    guard mask != 0 else { return 0 }
    let low = mask.trailingZeroBitCount
    let high = 31 - mask.leadingZeroBitCount
    return high - low + 1 - mask.nonzeroBitCount
  }

  func weighted(_ units: Int, _ weight: TimetableModel.Weight) -> Cost {
    guard units > 0 else { return .zero }
    return weight.hard ? Cost(hard: units, soft: 0) : Cost(hard: 0, soft: units * weight.soft)
  }

  /// Units of a class's compact-day rule on a day: its gaps, and the periods it starts late when
  /// the day must start at the first period.
  @inline(__always) func compactUnits(_ c: Int, _ mask: UInt32) -> Int {
    var units = SearchState.gaps(mask)
    if model.compactStartAtFirst[c] { units += max(0, mask.trailingZeroBitCount - model.classFirst[c]) }
    return units
  }

  func computeClassDay(_ c: Int, _ d: Int) -> Cost {
    let mask = classMask(c, d)
    var result = Cost.zero
    let compact = model.compactWeight[c]
    if !compact.isOff, mask != 0 { result += weighted(compactUnits(c, mask), compact) }
    let maxWeight = model.classMaxWeight[c]
    if !maxWeight.isOff { result += weighted(max(0, mask.nonzeroBitCount - model.classMax[c]), maxWeight) }
    if model.difficultWeight > 0, mask != 0 {
      let first = mask.trailingZeroBitCount
      let last = 31 - mask.leadingZeroBitCount
      var count = 0
      for l in model.classLessons[c] where model.difficult[Int(l)] {
        let s = Int(start[Int(model.blockOf[Int(l)])])
        guard s >= 0, s / P == d else { continue }
        let p = s % P
        if p == first || p + model.duration[Int(l)] - 1 == last { count += 1 }
      }
      result.soft += count * model.difficultWeight
    }
    return result
  }

  func computeTeacherDay(_ t: Int, _ d: Int) -> Cost {
    let mask = resourceMask(t, d)
    var soft = 0
    if model.teacherGapWeight > 0 { soft += SearchState.gaps(mask) * model.teacherGapWeight }
    let wish = model.teacherMax[t]
    if wish.weight > 0 { soft += max(0, mask.nonzeroBitCount - wish.max) * wish.weight }
    let off = model.daysOff[t]
    let needsLessons = (off.weight > 0 && off.mask & (1 << UInt32(d)) != 0) || model.roomChangeWeight > 0
    if needsLessons, mask != 0 {
      var lessons: [(start: Int, room: Int32)] = []
      for l in model.teacherLessons[t] {
        let lesson = Int(l)
        let s = Int(start[Int(model.blockOf[lesson])])
        guard s >= 0, s / P == d else { continue }
        lessons.append((s, room(of: lesson, teacher: t)))
      }
      if off.weight > 0, off.mask & (1 << UInt32(d)) != 0 { soft += lessons.count * off.weight }
      if model.roomChangeWeight > 0, lessons.count > 1 {
        lessons.sort { $0.start < $1.start }
        for k in 1..<lessons.count
        where lessons[k].room >= 0 && lessons[k - 1].room >= 0 && lessons[k].room != lessons[k - 1].room {
          soft += model.roomChangeWeight
        }
      }
    }
    return Cost(hard: 0, soft: soft)
  }

  /// The room the given teacher of a lesson teaches in: room i for teacher i, or its only room.
  func room(of lesson: Int, teacher: Int) -> Int32 {
    let layout = model.roomLayout[lesson]
    guard !layout.isEmpty else { return -1 }
    let position = layout.count == 1 ? 0 : (model.teachers[lesson].firstIndex(of: Int32(teacher)) ?? 0)
    guard position < layout.count else { return -1 }
    let entry = layout[position]
    return entry >= 0 ? entry : chosenRooms[lesson][Int(-1 - entry)]
  }

  func computeUnitDay(_ u: Int, _ d: Int) -> Cost {
    Cost(hard: 0, soft: SearchState.gaps(resourceMask(model.teacherCount + u, d)) * model.studentGapWeight)
  }

  func computeGroup(_ g: Int) -> Cost {
    let group = model.dailyGroups[g]
    // Lessons a day and week parity, in the scratch list (no array made on every placement).
    if scratchParityCounts.count != D * 2 { scratchParityCounts = Array(repeating: 0, count: D * 2) }
    for k in 0..<(D * 2) { scratchParityCounts[k] = 0 }
    for l in group.lessons {
      let s = Int(start[Int(model.blockOf[Int(l)])])
      guard s >= 0 else { continue }
      let d = s / P
      let parity = model.parity[Int(l)]
      if parity & 1 != 0 { scratchParityCounts[d * 2] += 1 }
      if parity & 2 != 0 { scratchParityCounts[d * 2 + 1] += 1 }
    }
    var units = 0
    for k in 0..<(D * 2) where scratchParityCounts[k] > group.max { units += scratchParityCounts[k] - group.max }
    return weighted(units, group.weight)
  }

  func computeSpread(_ g: Int) -> Cost {
    let group = model.spreadGroups[g]
    var days: UInt32 = 0
    var count = 0
    for l in group.lessons where model.parity[Int(l)] & 1 != 0 {
      count += 1
      let s = Int(start[Int(model.blockOf[Int(l)])])
      if s >= 0 { days |= 1 << UInt32(s / P) }
    }
    return Cost(hard: 0, soft: max(0, min(count, D) - days.nonzeroBitCount) * group.weight)
  }
}
