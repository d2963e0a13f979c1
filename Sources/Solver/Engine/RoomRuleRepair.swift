/// Rooms re-chosen for the rules on the rooms of several lessons (at most so many rooms between
/// them; the same room when one comes right after the other), which the room matching and the
/// room MIP do not seek. For each broken rule, first the whole group: every lesson of the rule
/// that may use a room takes it, and the other lessons it then shares that room with take another
/// room of their choice; the room that makes the whole cost lowest is kept, if any lowers it. Then
/// each lesson alone tries every room of its choice and keeps the one that makes the whole cost
/// lowest (a room already taken costs its clash, so it is never chosen over a free one that does
/// as well).
struct RoomRuleRepair {
  let state: SearchState
  /// Rooms the whole group tries at most, those most of its lessons may use first.
  static let groupCandidates = 8

  /// Whether a rule is one this repair serves.
  static func serves(_ kind: GroupRule.Kind) -> Bool {
    switch kind {
    case .maxRooms, .sameRoomIfConsecutive: return true
    default: return false
    }
  }

  func repair() {
    let model = state.model
    for (g, rule) in model.groupRules.enumerated() where Self.serves(rule.kind) && state.ruleCost[g] != .zero {
      let members = rule.lessons.map(Int.init).filter { state.isPlaced(Int(model.blockOf[$0])) }
      gather(members)
      guard state.ruleCost[g] != .zero else { continue }
      for lesson in members {
        for choice in model.roomChoices[lesson].indices { rechoose(lesson, choice) }
      }
    }
  }

  /// A room change to undo.
  private typealias Change = (lesson: Int, choice: Int, room: Int32)

  /// Tries the group's lessons together in one room, for each of the rooms most of them may use;
  /// keeps the best if it lowers the whole cost.
  private func gather(_ members: [Int]) {
    let model = state.model
    var users: [Int32: Int] = [:]
    for lesson in members {
      for room in Set(model.roomChoices[lesson].flatMap { $0 }) { users[room, default: 0] += 1 }
    }
    let candidates = users.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Self.groupCandidates).map(\.key)
    var best: (room: Int32, cost: Cost)?
    for room in candidates {
      let before = state.cost
      let changes = move(members, into: room)
      if state.cost < (best?.cost ?? before) { best = (room, state.cost) }
      undo(changes)
    }
    if let best { _ = move(members, into: best.room) }
  }

  /// Every lesson of the group that may use the room takes it, and the other lessons holding it
  /// then take the best other room of their choice; returns what undoes it.
  private func move(_ members: [Int], into room: Int32) -> [Change] {
    let model = state.model
    var changes: [Change] = []
    for lesson in members {
      guard let choice = model.roomChoices[lesson].firstIndex(where: { $0.contains(room) }),
        state.chosenRooms[lesson][choice] != room, isOpen(room, for: lesson)
      else { continue }
      changes.append((lesson, choice, state.chosenRooms[lesson][choice]))
      state.setRoom(lesson: lesson, choice: choice, room: room)
    }
    let group = Set(members.map { Int(model.blockOf[$0]) })
    for lesson in members {
      let block = Int(model.blockOf[lesson])
      let slot = Int(state.start[block])
      var holders: [Int] = []
      for q in 0..<model.duration[lesson] {
        state.collectHolders(
          resource: Int(room), slot: slot + q, parity: model.parity[lesson], except: block, into: &holders)
      }
      for other in holders where !group.contains(other) {
        for l in model.blockLessons[other].map(Int.init) {
          for (choice, chosen) in state.chosenRooms[l].enumerated() where chosen == room {
            changes.append((l, choice, room))
            rechoose(l, choice)
          }
        }
      }
    }
    return changes
  }

  private func undo(_ changes: [Change]) {
    for change in changes.reversed() where state.chosenRooms[change.lesson][change.choice] != change.room {
      state.setRoom(lesson: change.lesson, choice: change.choice, room: change.room)
    }
  }

  /// Whether a room is open over the lesson's periods (the search's cost does not price a closed
  /// room: the domains and the rooms' choices keep lessons out of them).
  private func isOpen(_ room: Int32, for lesson: Int) -> Bool {
    let model = state.model
    let slot = Int(state.start[Int(model.blockOf[lesson])])
    return slot >= 0 && !model.isRoomClosed(room, from: slot, length: model.duration[lesson])
  }

  /// Gives one room requirement of a lesson the room of its choice with the lowest total cost.
  private func rechoose(_ lesson: Int, _ choice: Int) {
    var best = (room: state.chosenRooms[lesson][choice], cost: state.cost)
    for room in state.model.roomChoices[lesson][choice] where room != best.room && isOpen(room, for: lesson) {
      state.setRoom(lesson: lesson, choice: choice, room: room)
      if state.cost < best.cost { best = (room, state.cost) }
    }
    if state.chosenRooms[lesson][choice] != best.room { state.setRoom(lesson: lesson, choice: choice, room: best.room) }
  }
}
