/// Gives rooms to lessons with a choice of rooms, slot by slot, as a maximum bipartite matching
/// (lessons on one side, free rooms of their kind on the other), starting from the rooms they
/// hold. Run after the search, it resolves room clashes that a different choice of rooms can
/// resolve without moving any lesson.
struct RoomMatching {
  let state: SearchState

  func repair() {
    let model = state.model
    let base = model.teacherCount + model.unitCount
    var atSlot = Array(repeating: [Int](), count: model.slots)
    for (b, members) in model.blockLessons.enumerated() {
      let s = Int(state.start[b])
      guard s >= 0 else { continue }
      for l in members {
        for q in 0..<model.duration[Int(l)] { atSlot[s + q].append(Int(l)) }
      }
    }
    for slot in 0..<model.slots {
      let lessons = atSlot[slot]
      // Only slots where a chosen room clashes need work.
      guard lessons.contains(where: { state.sharesChosenRoom($0, at: slot) }) else { continue }
      // Rooms taken by lessons without a choice, and by double lessons (kept as they are).
      var blocked = Set<Int32>()
      var requirements: [(lesson: Int, choice: Int)] = []
      for l in lessons {
        for r in model.fixedResources[l] where Int(r) >= base { blocked.insert(r) }
        if model.duration[l] > 1 {
          for r in state.chosenRooms[l] where r >= 0 { blocked.insert(r) }
        } else {
          for k in model.roomChoices[l].indices { requirements.append((l, k)) }
        }
      }
      let options: [[Int32]] = requirements.map { requirement in
        model.roomChoices[requirement.lesson][requirement.choice].filter {
          !blocked.contains($0) && !model.isRoomClosed($0, from: slot)
        }
      }
      var owner: [Int32: Int] = [:]
      var assigned = Array(repeating: Int32(-1), count: requirements.count)
      // Keep current rooms where they do not clash.
      for (i, requirement) in requirements.enumerated() {
        let room = state.chosenRooms[requirement.lesson][requirement.choice]
        if options[i].contains(room), owner[room] == nil {
          owner[room] = i
          assigned[i] = room
        }
      }
      func augment(_ i: Int, _ seen: inout Set<Int32>) -> Bool {
        for room in options[i] where !seen.contains(room) {
          seen.insert(room)
          if let holder = owner[room] {
            if augment(holder, &seen) {
              owner[room] = i
              assigned[i] = room
              return true
            }
          } else {
            owner[room] = i
            assigned[i] = room
            return true
          }
        }
        return false
      }
      for i in requirements.indices where assigned[i] < 0 {
        var seen = Set<Int32>()
        _ = augment(i, &seen)
      }
      for (i, requirement) in requirements.enumerated() {
        // An optional room left unmatched is given up rather than shared.
        let room =
          assigned[i] >= 0 ? assigned[i] : (model.roomOptional[requirement.lesson][requirement.choice] ? -1 : nil)
        if let room, state.chosenRooms[requirement.lesson][requirement.choice] != room {
          state.setRoom(lesson: requirement.lesson, choice: requirement.choice, room: room)
        }
      }
    }
  }
}

extension SearchState {
  /// Every lesson's rooms chosen again without moving it: the matching slot by slot, then the
  /// rules on the rooms of several lessons (`RoomRuleRepair`). At the end of a solve, and on a
  /// GLPK neighbourhood's result, which counts the free rooms of each kind, not the rooms taken.
  func chooseRoomsAgain() {
    RoomMatching(state: self).repair()
    RoomRuleRepair(state: self).repair()
  }
}
