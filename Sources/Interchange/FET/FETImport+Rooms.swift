import Planner

// How FET's room constraints become room requirements (and wishes) of the activities.
extension FETImport.Mapper {
  // MARK: - Rooms

  /// The activities a room constraint is about, as FET selects them.
  enum RoomTarget {
    /// One activity (`Activity_Id`).
    case activity
    /// The activities of a subject.
    case subject
    /// The activities with an activity tag.
    case activityTag
    /// The activities of a subject with an activity tag.
    case subjectActivityTag
    /// Home rooms: the activities whose only students set is the one named.
    case studentsSetHome
    /// Home rooms: the activities whose only teacher is the one named.
    case teacherHome
  }

  mutating func mapRoom(_ c: FETConstraint, _ target: RoomTarget) throws {
    let rooms: Set<String>
    if let room = c.string("Room"), c.strings("Preferred_Room").isEmpty {
      rooms = [room]
    } else {
      rooms = Set(c.strings("Preferred_Room"))
    }
    let weight = FETImport.weight(c.weight)
    var home = false
    var targets: [FETActivity]
    switch target {
    case .activity:
      let id = try number(c, "Activity_Id")
      targets = activities.filter { $0.id == id }
    case .subject:
      let subject = c.string("Subject") ?? ""
      targets = activities.filter { $0.subject == subject }
    case .activityTag:
      let tag = c.string("Activity_Tag") ?? ""
      targets = activities.filter { $0.activityTags.contains(tag) }
    case .subjectActivityTag:
      let subject = c.string("Subject") ?? ""
      let tag = c.string("Activity_Tag") ?? ""
      targets = activities.filter { $0.subject == subject && $0.activityTags.contains(tag) }
    case .studentsSetHome:
      // FET: activities whose only students set is this one.
      let set = c.string("Students") ?? ""
      targets = activities.filter { $0.students == [set] }
      home = true
    case .teacherHome:
      let teacher = c.string("Teacher") ?? ""
      targets = activities.filter { $0.teachers == [teacher] }
      home = true
    }
    let realRooms = c.strings("Real_Room")
    for activity in targets {
      if target == .activity, weight == .hard, !realRooms.isEmpty {
        preferredRealRooms[activity.id, default: []].append(Set(realRooms))
      }
      switch (home, weight) {
      case (false, .hard): preferredHard[activity.id, default: []].append(rooms)
      case (false, _): preferredSoft[activity.id, default: []].append((rooms, weight))
      case (true, .hard): homeHard[activity.id, default: []].append(rooms)
      case (true, _): homeSoft[activity.id, default: []].append((rooms, weight))
      }
    }
  }

  /// The room requirements of an activity, as FET chooses rooms: preferred rooms (activity,
  /// subject, tag) first — all of the 100% ones at once — and home rooms only without them; a
  /// wish below 100% makes the room optional and costs its weight when not met.
  mutating func roomRequirements(of activity: FETActivity) -> (
    requirements: [[RoomID]], optional: Bool, wishes: [(Set<String>, ConstraintWeight)]
  ) {
    let virtual = virtualRooms
    func expand(_ allowed: Set<String>) -> [[RoomID]] {
      let virtualOnes = allowed.filter { virtual[$0] != nil }.sorted()
      if let room = virtualOnes.first {
        if allowed.count > 1 {
          report.notes.append(
            "activity \(activity.id): a choice between a virtual room and other rooms is taken as the virtual room \(room)"
          )
        }
        report.virtualRooms[String(activity.id)] = room
        return chosenRealRooms(of: activity, in: virtual[room]!)
      }
      return [allowed.sorted()]
    }
    if let hard = preferredHard[activity.id] {
      var allowed = hard[0]
      for set in hard.dropFirst() { allowed.formIntersection(set) }
      if allowed.isEmpty {
        report.notes.append("activity \(activity.id): its 100% room constraints share no room; the first one is used")
        allowed = hard[0]
      }
      return (expand(allowed), false, preferredSoft[activity.id] ?? [])
    }
    if let soft = preferredSoft[activity.id] {
      var allowed = soft.reduce(Set<String>()) { $0.union($1.0) }
      let homes = homeHard[activity.id]?.first ?? homeSoft[activity.id]?.first?.0
      if let homes { allowed.formUnion(homes) }
      return (expand(allowed), homeHard[activity.id] == nil, soft + (homeSoft[activity.id] ?? []))
    }
    if let hard = homeHard[activity.id] {
      var allowed = hard[0]
      for set in hard.dropFirst() { allowed.formIntersection(set) }
      if allowed.isEmpty { allowed = hard[0] }
      return (expand(allowed), false, [])
    }
    if let soft = homeSoft[activity.id] {
      return (expand(soft.reduce(Set<String>()) { $0.union($1.0) }), true, soft)
    }
    return ([], false, [])
  }

  /// The sets of a virtual room narrowed to the real rooms its 100% activity preferred rooms
  /// name (`Real_Room`): each set keeps the named rooms it holds. FET requires the lists of
  /// these constraints to leave one real room a set; a set none of them names stays whole.
  func chosenRealRooms(of activity: FETActivity, in sets: [[String]]) -> [[RoomID]] {
    guard let lists = preferredRealRooms[activity.id], var named = lists.first else { return sets }
    for list in lists.dropFirst() { named.formIntersection(list) }
    return sets.map { set in
      let chosen = set.filter(named.contains)
      return chosen.isEmpty ? set : chosen
    }
  }

  /// Rooms to wish for: a virtual room stands for the real rooms of its sets (its first room
  /// requirement is one of them).
  func realRooms(_ names: Set<String>) -> [RoomID] {
    Set(names.flatMap { virtualRooms[$0]?.flatMap { $0 } ?? [$0] }).sorted()
  }
}
