// SearchState: the buildings around a lesson. A room is chosen where a lesson is placed; under a
// rule on its teachers' or students' buildings (changes a day or a week, free periods between
// changes), a room in the building of their lessons before and after it keeps the rule.

/// Which teachers and units of each lesson are under a rule on buildings, and each room's building.
struct BuildingRules {
  /// Per lesson, its teachers and units (resource numbers) under a rule on buildings.
  let resourcesOfLesson: [[Int32]]
  /// Per room (room number less the teachers and units), its building; -1 for none.
  let buildingOfRoom: [Int32]
  let roomBase: Int

  init(model: TimetableModel) {
    var resources = Array(repeating: [Int32](), count: model.lessonIDs.count)
    var buildings: [Int32] = []
    for rule in model.groupRules {
      guard case .buildings(let resource, let buildingOfRoom, _) = rule.kind else { continue }
      buildings = buildingOfRoom
      for l in rule.lessons where !resources[Int(l)].contains(resource) { resources[Int(l)].append(resource) }
    }
    resourcesOfLesson = resources
    buildingOfRoom = buildings
    roomBase = model.teacherCount + model.unitCount
  }

  func building(of room: Int32) -> Int32 {
    let index = Int(room) - roomBase
    return index >= 0 && index < buildingOfRoom.count ? buildingOfRoom[index] : -1
  }

  /// How many of the neighbours' buildings a room is not in (all of them for a room in none).
  func mismatches(_ room: Int32, _ neighbours: [Int32]) -> Int {
    let own = building(of: room)
    return neighbours.reduce(0) { $0 + ($1 == own && own >= 0 ? 0 : 1) }
  }
}

extension SearchState {
  /// The buildings of the rooms of the lessons nearest before and after a lesson at a slot, on
  /// its day, of each of its teachers and units under a rule on buildings (one entry for each
  /// such lesson in a room of a building); empty for a lesson under no such rule.
  func neighbourBuildings(_ lesson: Int, at slot: Int) -> [Int32] {
    let resources = buildingRules.resourcesOfLesson[lesson]
    guard !resources.isEmpty else { return [] }
    let day = slot / P
    let first = slot % P
    let last = first + model.duration[lesson] - 1
    let block = Int(model.blockOf[lesson])
    var found: [Int32] = []
    var holders: [Int] = []
    for r in resources {
      let mask = resourceMask(Int(r), day)
      let before = first == 0 ? 0 : mask & ((UInt32(1) << UInt32(first)) - 1)
      let after = last >= 31 ? 0 : mask & ~((UInt32(1) << UInt32(last + 1)) - 1)
      var periods: [Int] = []
      if before != 0 { periods.append(31 - before.leadingZeroBitCount) }
      if after != 0 { periods.append(after.trailingZeroBitCount) }
      for period in periods {
        holders.removeAll(keepingCapacity: true)
        collectHolders(
          resource: Int(r), slot: day * P + period, parity: model.parity[lesson], except: block, into: &holders)
        let isTeacher = Int(r) < model.teacherCount
        for b in holders {
          for l in model.blockLessons[b].map(Int.init)
          where isTeacher ? model.teachers[l].contains(r) : model.units[l].contains(r) {
            if let building = building(of: l, resource: Int(r), buildingRules.buildingOfRoom) { found.append(building) }
          }
        }
      }
    }
    return found
  }
}
