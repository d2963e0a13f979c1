// The rooms of groups of lessons under a hard maximum of rooms, decided before the search.

/// Decides, before the search, which rooms each group of lessons under a hard maximum of rooms
/// (FET's ActivitiesOccupyMaxDifferentRooms) will use, and narrows its lessons' room choices to
/// them. The search chooses rooms lesson by lesson where it places them, so it cannot see that
/// groups competing for a few rooms must split them between them as whole groups (in one school,
/// four groups of 21, 21, 12 and 12 computing lessons under "one lab each" fill two labs of 40
/// periods only as 21 + 12 and 21 + 12); decided first, that is settled before the times are.
///
/// The rooms are packed greedily, the group with the most hours first: each takes, among the
/// rooms all its lessons may use, the ones whose load (the share of their open periods taken,
/// counting every other lesson spread evenly over the rooms of its choice) is lowest once its
/// hours are added. A group is left as it is when its hours (over its maximum) fill less than
/// `leastShare` of a room, when its lessons' choices differ in shape (several rooms each,
/// optional rooms), or when its common rooms are no more than its maximum; and every group is,
/// when the rooms they may use are less than `leastFill` full.
struct RoomAllotment {
  typealias Group = (lessons: [Int], most: Int)
  /// The group rules' lessons and maxima, the lessons' durations, the rooms' open periods.
  let groups: [Group]
  let duration: [Int]
  let openPeriods: [Double]
  /// The first resource number of a room.
  let firstRoom: Int
  /// The least share of a room's open periods a group's hours (over its maximum of rooms) fill
  /// for its rooms to be decided first: a small group fits in any room.
  var leastShare = 0.0
  /// The least share of the open periods of the rooms the large groups may use that they and the
  /// other lessons fill for any group's rooms to be decided.
  var leastFill = 0.0

  /// The room choices with each allotted group narrowed to its rooms.
  func allot(_ choices: [[[Int32]]], optional: [[Bool]], fixed: [[Int32]]) -> [[[Int32]]] {
    var choices = choices
    let allotted = groups.filter { isAllotted($0, choices, optional) }
    var load = baseLoad(choices, optional: optional, fixed: fixed, except: Set(allotted.flatMap(\.lessons)))
    guard isCrowded(allotted, choices, load) else { return choices }
    for group in allotted.sorted(by: { hours($0) > hours($1) }) {
      let common = commonRooms(group, choices)
      guard common.count > group.most else { continue }
      let share = Double(hours(group)) / Double(group.most)
      var taken: [Int32] = []
      for _ in 0..<group.most {
        let ratio = { (r: Int32) in
          (load[Int(r) - firstRoom] + share) / max(self.openPeriods[Int(r) - self.firstRoom], 1)
        }
        guard let best = common.filter({ !taken.contains($0) }).min(by: { (ratio($0), $0) < (ratio($1), $1) }) else {
          break
        }
        taken.append(best)
        load[Int(best) - firstRoom] += share
      }
      for lesson in group.lessons { choices[lesson][0] = choices[lesson][0].filter(taken.contains) }
    }
    return choices
  }

  /// Whether a group's rooms are decided: its lessons each need one room (not optional), they
  /// may use more rooms in common than its maximum, and its hours fill `leastShare` of them.
  private func isAllotted(_ group: Group, _ choices: [[[Int32]]], _ optional: [[Bool]]) -> Bool {
    guard group.most > 0, group.lessons.allSatisfy({ choices[$0].count == 1 && !optional[$0][0] }) else { return false }
    let common = commonRooms(group, choices)
    guard common.count > group.most, let most = common.map({ openPeriods[Int($0) - firstRoom] }).max() else {
      return false
    }
    return Double(hours(group)) / Double(group.most) >= leastShare * most
  }

  /// Whether the large groups and the other lessons fill at least `leastFill` of the open periods
  /// of the rooms the groups may use: where they leave much room free, the search finds rooms
  /// that suit the times, which a packing by hours alone does not see.
  private func isCrowded(_ allotted: [Group], _ choices: [[[Int32]]], _ load: [Double]) -> Bool {
    let rooms = allotted.reduce(into: Set<Int32>()) { $0.formUnion(commonRooms($1, choices)) }
    let open = rooms.reduce(0.0) { $0 + openPeriods[Int($1) - firstRoom] }
    let filled = rooms.reduce(0.0) { $0 + load[Int($1) - firstRoom] } + Double(allotted.reduce(0) { $0 + hours($1) })
    return open > 0 && filled >= leastFill * open
  }

  /// The periods of each room other lessons take, each spread evenly over the rooms of its choice.
  private func baseLoad(_ choices: [[[Int32]]], optional: [[Bool]], fixed: [[Int32]], except: Set<Int>) -> [Double] {
    var load = Array(repeating: 0.0, count: openPeriods.count)
    for lesson in choices.indices where !except.contains(lesson) {
      for r in fixed[lesson] where Int(r) >= firstRoom { load[Int(r) - firstRoom] += Double(duration[lesson]) }
      for (k, choice) in choices[lesson].enumerated() where !optional[lesson][k] && !choice.isEmpty {
        for r in choice { load[Int(r) - firstRoom] += Double(duration[lesson]) / Double(choice.count) }
      }
    }
    return load
  }

  private func commonRooms(_ group: Group, _ choices: [[[Int32]]]) -> Set<Int32> {
    guard let first = group.lessons.first else { return [] }
    return group.lessons.dropFirst().reduce(Set(choices[first][0])) { $0.intersection(choices[$1][0]) }
  }

  private func hours(_ group: Group) -> Int { group.lessons.reduce(0) { $0 + duration[$1] } }
}

extension ModelCompiler {
  /// With `parameters.model.allotGroupRooms`, narrows the room choices of the lessons under hard
  /// maxima of rooms to the rooms `RoomAllotment` gives their groups; a group whose rooms would
  /// leave one of its lessons no time to start (a room closed whenever the lesson may be held)
  /// keeps every room.
  mutating func compileRoomAllotment() {
    guard parameters.model.allotGroupRooms else { return }
    var groups: [RoomAllotment.Group] = []
    for rule in groupRules where rule.weight.hard && !rule.implied {
      if case .maxRooms(let most) = rule.kind { groups.append((rule.lessons.map(Int.init), most)) }
    }
    guard !groups.isEmpty else { return }
    let open = roomOff.map { Double($0.filter { !$0 }.count) }
    var allotment = RoomAllotment(groups: groups, duration: duration, openPeriods: open, firstRoom: T + U)
    allotment.leastShare = parameters.model.allottedGroupShare
    allotment.leastFill = parameters.model.allottedRoomsFill
    let before = roomChoices
    roomChoices = allotment.allot(roomChoices, optional: roomOptional, fixed: fixedResources)
    for group in groups where group.lessons.contains(where: { roomChoices[$0] != before[$0] && !mayStartSomewhere($0) })
    {
      for lesson in group.lessons { roomChoices[lesson] = before[lesson] }
    }
  }
}
