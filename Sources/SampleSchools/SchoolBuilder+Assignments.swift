import Planner

/// The school builder's assignments: who teaches each subject (or group) of each class, and the
/// English stream by levels.
extension SchoolBuilder {
  // MARK: - Assignments

  func makeAssignments(teachers: [Teacher]) -> ([TeachingAssignment], [Planner.Stream]) {
    var assignments: [TeachingAssignment] = []
    for (ci, c) in classes.enumerated() {
      for line in c.plan {
        if line.subject == "eng", streamClasses.contains(ci) { continue }
        let kind = splits["\(ci)|\(line.subject)"] ?? .whole
        let groups = Split(kind).count
        let ids = (0..<groups).map { g -> TeacherID in
          let bi = bundleOfGroup["\(ci)|\(line.subject)|\(g)"]!
          return teachers[bundles[bi].teacher].id
        }
        var chosenRooms: [RoomID]?
        if catalogue.specialty(of: line.subject, grade: c.grade, language: c.language) == .primary,
          catalogue.info(line.subject).roomType != nil, let home = c.homeRoom
        {
          chosenRooms = [home]
        }
        assignments.append(
          TeachingAssignment(class: c.id, subject: line.subject, split: kind, teachers: ids, rooms: chosenRooms))
      }
    }
    var streams: [Planner.Stream] = []
    if let first = streamClasses.first {
      let ru = country == .russia
      let c = classes[first]
      let letters = streamClasses.map { classes[$0].letter }.joined()
      let levels = ["A1", "A2", "B1", "B1+", "B2", "B2+"]
      let groups = streamSizes.indices.map { g -> StreamGroup in
        let bi = bundleIndex["stream|\(g)"]!
        let level = g < levels.count ? levels[g] : "\(g + 1)"
        return StreamGroup(
          name: ru ? "Группа \(level)" : "\(level) тобы", teacher: teachers[bundles[bi].teacher].id,
          size: streamSizes[g])
      }
      streams.append(
        Planner.Stream(
          id: "s\(c.grade)-eng",
          name: ru
            ? "\(c.grade)\(letters): английский язык по уровням"
            : "\(c.grade)\(letters): ағылшын тілі деңгейлер бойынша",
          subject: "eng", classes: streamClasses.map { classes[$0].id }, groups: groups))
    }
    return (assignments, streams)
  }
}
