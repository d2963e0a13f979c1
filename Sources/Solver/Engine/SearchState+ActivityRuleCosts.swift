// SearchState: the units of the rules over a few lessons that FET's activity constraints bring
// (same starting day or period, gaps and days between, order, simultaneous in chosen slots), from
// the placed lessons' start slots. They count as the Checker does (docs/timetable-rules.md).

extension SearchState {
  /// Units of one of these group rules; `placed` holds the rule's placed lessons (lesson, start
  /// slot) in the rule's order.
  func activityRuleUnits(_ kind: GroupRule.Kind, _ placed: [(lesson: Int, slot: Int)]) -> Int {
    var units = 0
    switch kind {
    case .sameDay, .samePeriod, .minGaps, .maxDays:
      for i in 0..<placed.count {
        for j in 0..<i { units += pairUnits(kind, placed[j], placed[i]) }
      }
    case .ordered(let ifSameDay):
      guard placed.count == 2, placed[0].lesson != placed[1].lesson else { return 0 }
      let (first, second) = (placed[0], placed[1])
      let sameDay = first.slot / P == second.slot / P
      let before = sameDay ? first.slot + model.duration[first.lesson] <= second.slot : first.slot < second.slot
      if ifSameDay ? sameDay && !before : !before { units = 1 }
    case .maxSimultaneous(let selected, let most):
      var held: [Int: Int] = [:]
      for p in placed {
        for q in 0..<model.duration[p.lesson] where selected[p.slot + q] { held[p.slot + q, default: 0] += 1 }
      }
      // One for each selected slot that holds too many, as FET counts.
      for count in held.values where count > most { units += 1 }
    default:
      break
    }
    return units
  }

  /// Units of a pair rule for two placed lessons, `a` listed before `b`.
  private func pairUnits(_ kind: GroupRule.Kind, _ a: (lesson: Int, slot: Int), _ b: (lesson: Int, slot: Int)) -> Int {
    let (dayA, dayB) = (a.slot / P, b.slot / P)
    switch kind {
    case .sameDay: return dayA != dayB ? 1 : 0
    case .samePeriod: return a.slot % P != b.slot % P ? 1 : 0
    case .maxDays(let most): return max(0, abs(dayA - dayB) - most)
    case .minGaps(let least):
      guard dayA == dayB else { return 0 }
      // As FET counts: the one listed later comes first when they start together.
      let (early, late) = a.slot >= b.slot ? (b, a) : (a, b)
      return max(0, early.slot + model.duration[early.lesson] + least - late.slot)
    default: return 0
    }
  }

  /// Every room a placed lesson uses (fixed or chosen).
  func rooms(of lesson: Int) -> [Int32] {
    model.roomLayout[lesson].map { $0 >= 0 ? $0 : chosenRooms[lesson][Int(-1 - $0)] }.filter { $0 >= 0 }
  }

  /// Units of a rule on the number of rooms: the different rooms the placed lessons use beyond
  /// the most.
  func roomCountUnits(_ placed: [(lesson: Int, slot: Int)], max most: Int) -> Int {
    var used = Set<Int32>()
    for p in placed { for r in rooms(of: p.lesson) { used.insert(r) } }
    return Swift.max(0, used.count - most)
  }

  /// Whether two placed lessons are on one day, one right after the other (either first).
  @inline(__always)
  func areNext(_ a: (lesson: Int, slot: Int), _ b: (lesson: Int, slot: Int)) -> Bool {
    a.slot / P == b.slot / P
      && (a.slot + model.duration[a.lesson] == b.slot || b.slot + model.duration[b.lesson] == a.slot)
  }

  /// Units of a same-room rule: each pair of placed lessons on one day, one right after the
  /// other, whose first rooms differ.
  func roomChangeUnits(_ placed: [(lesson: Int, slot: Int)]) -> Int {
    var units = 0
    for i in 0..<placed.count {
      for j in 0..<i {
        let (a, b) = (placed[i], placed[j])
        guard areNext(a, b) else { continue }
        if rooms(of: a.lesson).first != rooms(of: b.lesson).first { units += 1 }
      }
    }
    return units
  }
}
