import Planner

/// The school builder's rooms: gyms, workshops, music rooms, the primary classes' home rooms,
/// laboratories, computer rooms, the hall, and the specialists' own cabinets, as many of each
/// special kind as the lessons need.
extension SchoolBuilder {
  // MARK: - Rooms

  /// Lesson-periods a week that need a room of each special type, by shift.
  func specialDemand() -> [RoomType: [Int]] {
    var demand: [RoomType: [Int]] = [:]
    for task in tasks {
      let c = classes[task.classIndex]
      guard let type = catalogue.info(task.subject).roomType else { continue }
      if catalogue.specialty(of: task.subject, grade: c.grade, language: c.language) == .primary { continue }
      var row = demand[type] ?? Array(repeating: 0, count: shifts.count)
      row[c.shiftIndex] += task.halves / 2 + task.halves % 2
      demand[type] = row
    }
    return demand
  }

  /// Rooms of a type so that its lessons fill at most 55 % of the periods of each shift.
  func roomsNeeded(_ row: [Int]) -> Int {
    var needed = 0
    for (s, periods) in row.enumerated() where periods > 0 {
      let capacity = 0.55 * Double(5 * shifts[s].lessonsPerDay)
      needed = max(needed, Int((Double(periods) / capacity).rounded(.up)))
    }
    return needed
  }

  /// Room numbers handed out in order: 101, 102, … on the ground floor; 201–216, 301–316, …
  /// upstairs.
  struct RoomNumbers {
    var floorOne = 0
    var upper = 0

    mutating func onFloorOne() -> Int {
      floorOne += 1
      return 100 + floorOne
    }

    mutating func upstairs() -> Int {
      let n = upper
      upper += 1
      return (2 + n / 16) * 100 + n % 16 + 1
    }
  }

  mutating func makeRooms() {
    let demand = specialDemand()
    var numbers = RoomNumbers()
    makeGyms(demand)
    makeWorkshops(demand)
    makeMusicRooms(demand, numbers: &numbers)
    makePrimaryHomeRooms(numbers: &numbers)
    makeLaboratories(demand, numbers: &numbers)
    makeComputerRooms(demand, numbers: &numbers)
    // The assembly hall (no lessons).
    let ru = country == .russia
    rooms.append(
      Room(
        id: "hall", name: ru ? "Актовый зал" : "Акт залы", building: "b1", type: .hall,
        capacity: spec.isRural ? 80 : 250))
    makeCabinets(numbers: &numbers)
  }

  mutating func makeGyms(_ demand: [RoomType: [Int]]) {
    let ru = country == .russia
    let gyms = roomsNeeded(demand[.gym] ?? [])
    for k in 0..<gyms {
      let name: String
      if gyms == 1 {
        name = ru ? "Спортивный зал" : "Спорт залы"
      } else {
        let ruNames = ["Большой спортивный зал", "Спортивный зал (малый)", "Зал ритмики", "Тренажёрный зал"]
        let kzNames = ["Үлкен спорт залы", "Кіші спорт залы", "Ырғақ залы", "Жаттығу залы"]
        name = k < 4 ? (ru ? ruNames[k] : kzNames[k]) : (ru ? "Спортивный зал № \(k - 1)" : "№ \(k - 1) спорт залы")
      }
      rooms.append(Room(id: "gym\(k + 1)", name: name, building: "b1", type: .gym, capacity: spec.isRural ? 40 : 60))
    }
  }

  /// Workshops: the boys' (wood and metal) and the girls' (sewing and cooking).
  mutating func makeWorkshops(_ demand: [RoomType: [Int]]) {
    let ru = country == .russia
    // Boys and girls of a class have technology at the same time: two workshops at least.
    let genderSplit = splits.values.contains(.boysGirls)
    let workshops = max(roomsNeeded(demand[.workshop] ?? []), genderSplit ? 2 : 0)
    for k in 0..<workshops {
      let boys = k % 2 == 0
      var name =
        ru
        ? (boys ? "Мастерская (столярное и слесарное дело)" : "Кабинет технологии (швейное дело и кулинария)")
        : (boys ? "Ағаш және металл өңдеу шеберханасы" : "Тігін және аспаздық шеберханасы")
      if k >= 2 { name += " № \(k / 2 + 1)" }
      rooms.append(Room(id: "ws\(k + 1)", name: name, building: "b1", type: .workshop, capacity: 20))
    }
  }

  mutating func makeMusicRooms(_ demand: [RoomType: [Int]], numbers: inout RoomNumbers) {
    let ru = country == .russia
    let music = roomsNeeded(demand[.music] ?? [])
    for k in 0..<music {
      let n = numbers.onFloorOne()
      var name = ru ? "Кабинет музыки" : "Музыка кабинеті"
      if music > 1 { name += " № \(k + 1)" }
      rooms.append(Room(id: "\(n)", name: name, building: "b1", type: .music, capacity: spec.isRural ? 20 : 32))
    }
  }

  /// Home rooms of the primary classes: classes of different shifts share one.
  mutating func makePrimaryHomeRooms(numbers: inout RoomNumbers) {
    let ru = country == .russia
    let rural = spec.isRural
    let primary = classes.indices.filter { classes[$0].grade <= 4 }
    let byShift = (0..<shifts.count).map { s in primary.filter { classes[$0].shiftIndex == s } }
    let homeRooms = byShift.map(\.count).max() ?? 0
    for k in 0..<homeRooms {
      let second = spec.buildings >= 2
      let n = second ? 100 + k + 1 : numbers.onFloorOne()
      let id = second ? "b2-\(n)" : "\(n)"
      let label = ru ? "Кабинет \(n) (начальные классы)" : "\(n) кабинет (бастауыш сынып)"
      rooms.append(
        Room(
          id: id, name: label, building: second ? "b2" : "b1", type: .classroom, capacity: rural ? 20 : rng.int(30...32)
        ))
      for list in byShift where k < list.count { classes[list[k]].homeRoom = id }
    }
  }

  /// Laboratories: one or more for each of physics, chemistry and biology.
  mutating func makeLaboratories(_ demand: [RoomType: [Int]], numbers: inout RoomNumbers) {
    let ru = country == .russia
    let labs = demand[.laboratory] ?? []
    guard !labs.isEmpty else { return }
    let families: [(SubjectID, String, String)] = [
      ("phys", "Кабинет физики", "Физика кабинеті"), ("chem", "Кабинет химии", "Химия кабинеті"),
      ("bio", "Кабинет биологии", "Биология кабинеті"),
    ]
    let present = families.filter { usedSubjects.contains($0.0) }
    let weights = present.map { family in
      Double(tasks.filter { $0.subject == family.0 }.reduce(0) { $0 + $1.halves })
    }
    let needed = max(roomsNeeded(labs), present.count)
    var counts = Array(repeating: 1, count: present.count)
    for _ in present.count..<needed {
      let k = weights.indices.max { weights[$0] / Double(counts[$0]) < weights[$1] / Double(counts[$1]) }!
      counts[k] += 1
    }
    for (k, family) in present.enumerated() {
      for j in 0..<counts[k] {
        let n = numbers.upstairs()
        var name = ru ? family.1 : family.2
        if counts[k] > 1 { name += " № \(j + 1)" }
        rooms.append(Room(id: "\(n)", name: name, building: "b1", type: .laboratory, capacity: spec.isRural ? 20 : 30))
      }
    }
  }

  mutating func makeComputerRooms(_ demand: [RoomType: [Int]], numbers: inout RoomNumbers) {
    let ru = country == .russia
    // The two groups of a class may have informatics at the same time: two rooms when it is split.
    let informaticsSplit = splits.contains {
      $0.value == .two && ($0.key.hasSuffix("|inf") || $0.key.hasSuffix("|digital"))
    }
    let computers = max(roomsNeeded(demand[.computer] ?? []), informaticsSplit ? 2 : 0)
    for k in 0..<computers {
      let n = numbers.upstairs()
      var name = ru ? "Кабинет информатики" : "Информатика кабинеті"
      if computers > 1 { name += " № \(k + 1)" }
      let seats = spec.isRural ? computerSeats : (k % 2 == 0 ? 16 : computerSeats)
      rooms.append(Room(id: "\(n)", name: name, building: "b1", type: .computer, capacity: seats))
    }
  }

  /// Own cabinets of the specialists who teach ordinary subjects.
  mutating func makeCabinets(numbers: inout RoomNumbers) {
    let ru = country == .russia
    let rural = spec.isRural
    for t in drafts.indices {
      let subjects = Set(drafts[t].bundles.flatMap { bundleSubjects[$0] })
      drafts[t].subjects = subjects
      drafts[t].teachesOrdinary = subjects.contains { catalogue.info($0).roomType == nil }
      drafts[t].teachesArt = subjects.contains("izo") || subjects.contains("drawing")
    }
    for t in drafts.indices where drafts[t].specialty != .primary && drafts[t].teachesOrdinary {
      let n = numbers.upstairs()
      let label = cabinetLabel(drafts[t].specialty)
      let name = ru ? "Кабинет \(n)\(label.map { " (\($0))" } ?? "")" : "\(n) кабинет\(label.map { " (\($0))" } ?? "")"
      rooms.append(
        Room(
          id: "\(n)", name: drafts[t].teachesArt ? (ru ? "Кабинет ИЗО" : name) : name, building: "b1",
          type: drafts[t].teachesArt ? .art : .classroom, capacity: rural ? rng.int(20...24) : rng.int(30...32)))
      cabinetOf[t] = "\(n)"
    }
  }

  func cabinetLabel(_ specialty: Specialty) -> String? {
    let ru = country == .russia
    switch specialty {
    case .russian: return ru ? "русский язык и литература" : "орыс тілі"
    case .kazakh: return "қазақ тілі"
    case .english: return ru ? "английский язык" : "ағылшын тілі"
    case .german: return ru ? "немецкий язык" : "неміс тілі"
    case .maths: return ru ? "математика" : "математика"
    case .history: return ru ? "история и обществознание" : "тарих"
    case .geography: return ru ? "география" : "география"
    case .biology: return ru ? "биология" : "жаратылыстану"
    case .chemistry: return ru ? "химия" : "химия"
    case .physics: return ru ? "физика" : "физика"
    case .informatics: return ru ? "информатика" : "информатика"
    case .safety: return ru ? "ОБЗР" : "АӘТД"
    case .art: return ru ? "ИЗО" : nil
    default: return nil
    }
  }
}
