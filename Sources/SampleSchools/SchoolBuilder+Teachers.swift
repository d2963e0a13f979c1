import Planner

/// The school builder's teachers: names, qualifications and cabinets, their wishes (a free day,
/// busy times, a shorter day), and the class teachers.
extension SchoolBuilder {
  // MARK: - Teachers

  mutating func makeTeachers() -> [Teacher] {
    // Primary teachers first (in class order), then the specialists by specialty.
    let order = drafts.indices.sorted { a, b in
      let x = drafts[a]
      let y = drafts[b]
      return (x.specialty, x.primaryClass ?? 0, a) < (y.specialty, y.primaryClass ?? 0, b)
    }
    let width = max(2, String(order.count).count)
    var names = Set<String>()
    var teachers: [Teacher] = []
    var newIndex: [Int: Int] = [:]
    let maxLoad = WeeklyHours(halves: norm * 3)
    for (k, t) in order.enumerated() {
      let d = drafts[t]
      let male = rng.chance(d.specialty.maleShare)
      let kazakhName: Bool
      if country == .russia {
        kazakhName = false
      } else if d.specialty == .russian {
        kazakhName = rng.chance(0.4)
      } else if let c = d.primaryClass, classes[c].language == "ru" {
        kazakhName = rng.chance(0.5)
      } else {
        kazakhName = rng.chance(0.88)
      }
      var name = PersonNames.fullName(male: male, kazakh: kazakhName, rng: &rng)
      var attempts = 0
      while names.contains(name), attempts < 50 {
        name = PersonNames.fullName(male: male, kazakh: kazakhName, rng: &rng)
        attempts += 1
      }
      names.insert(name)
      let id = "t" + String(repeating: "0", count: max(0, width - String(k + 1).count)) + String(k + 1)
      var qualified = Set(d.subjects)
      if d.specialty == .primary, let c = d.primaryClass {
        qualified.formUnion(catalogue.primaryCore(language: classes[c].language))
      } else {
        qualified.formUnion(catalogue.qualifications(of: d.specialty))
      }
      let subjects = catalogue.subjects.map(\.id).filter { qualified.contains($0) && usedSubjects.contains($0) }
      let room: RoomID? = d.primaryClass.flatMap { classes[$0].homeRoom } ?? cabinetOf[t]
      teachers.append(Teacher(id: id, name: name, subjects: subjects, maxWeeklyLoad: maxLoad, room: room))
      newIndex[t] = k
    }
    // Renumber the drafts' references to the new order.
    drafts = order.map { drafts[$0] }
    var newCabinets: [Int: RoomID] = [:]
    for (old, room) in cabinetOf { newCabinets[newIndex[old]!] = room }
    cabinetOf = newCabinets
    for k in drafts.indices {
      for bi in drafts[k].bundles { bundles[bi].teacher = k }
    }
    addWishes(to: &teachers)
    return teachers
  }

  /// About one teacher in ten asks for a free day or cannot teach at some times (a second job);
  /// a few wish a shorter day. Kept light so that a timetable stays easy to find.
  mutating func addWishes(to teachers: inout [Teacher]) {
    let days: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    let specialists = drafts.indices.filter { drafts[$0].specialty != .primary }
    let light = specialists.filter { drafts[$0].halves <= 36 }
    let shuffled = rng.shuffled(light)
    let dayOffCount = max(1, Int((Double(teachers.count) * 0.06).rounded()))
    let busyCount = max(1, Int((Double(teachers.count) * 0.04).rounded()))
    var used = Set<Int>()
    for t in shuffled.prefix(dayOffCount) {
      teachers[t].daysOffRequested = [rng.pick(days)]
      used.insert(t)
    }
    let singleShift = shuffled.filter { !used.contains($0) && (drafts[$0].shiftMask == 1 || drafts[$0].shiftMask == 2) }
    for t in singleShift.prefix(busyCount) {
      let shift = shifts[drafts[t].shiftMask == 1 ? 0 : 1]
      let last = shift.firstPeriod + shift.lessonsPerDay - 1
      let day = rng.pick(days)
      teachers[t].unavailable = [TimeSlot(day: day, period: last - 1), TimeSlot(day: day, period: last)]
      used.insert(t)
    }
    let rest = shuffled.filter { !used.contains($0) }
    for t in rest.prefix(max(1, teachers.count / 20)) {
      let perDay = (drafts[t].halves / 2 + 4) / 5
      teachers[t].maxLessonsPerDay = max(5, perDay + 1)
    }
  }

  mutating func chooseClassTeachers() {
    var taken = Set<Int>()
    for ci in classes.indices where classes[ci].grade <= 4 {
      if let t = drafts.indices.first(where: { drafts[$0].primaryClass == ci }) {
        classes[ci].classTeacher = t
        taken.insert(t)
      }
    }
    for ci in classes.indices where classes[ci].grade > 4 {
      var hours: [Int: Int] = [:]
      for b in bundles where b.classIndex == ci && !b.stream && b.teacher >= 0 {
        hours[b.teacher, default: 0] += b.halves
      }
      let candidates = hours.keys.filter { !taken.contains($0) && cabinetOf[$0] != nil }
      let best =
        candidates.max { (hours[$0]!, -$0) < (hours[$1]!, -$1) }
        ?? drafts.indices.first { !taken.contains($0) && drafts[$0].specialty != .primary }
      if let best {
        classes[ci].classTeacher = best
        taken.insert(best)
      }
    }
  }
}
