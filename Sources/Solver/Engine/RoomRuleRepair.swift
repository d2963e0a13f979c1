/// Rooms re-chosen one lesson at a time for the rules on the rooms of several lessons (at most so
/// many rooms between them; the same room when one comes right after the other), which the room
/// matching and the room MIP do not seek: each placed lesson of such a rule that is broken tries
/// every room of its choice and keeps the one that makes the whole cost lowest (a room already
/// taken then costs its clash, so it is never chosen over a free one that does as well).
struct RoomRuleRepair {
  let state: SearchState

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
      for member in rule.lessons {
        let lesson = Int(member)
        guard state.isPlaced(Int(model.blockOf[lesson])) else { continue }
        for choice in model.roomChoices[lesson].indices { rechoose(lesson, choice) }
      }
    }
  }

  /// Gives one room requirement of a lesson the room of its choice with the lowest total cost.
  private func rechoose(_ lesson: Int, _ choice: Int) {
    var best = (room: state.chosenRooms[lesson][choice], cost: state.cost)
    for room in state.model.roomChoices[lesson][choice] where room != best.room {
      state.setRoom(lesson: lesson, choice: choice, room: room)
      if state.cost < best.cost { best = (room, state.cost) }
    }
    if state.chosenRooms[lesson][choice] != best.room { state.setRoom(lesson: lesson, choice: choice, room: best.room) }
  }
}
