import Planner

/// Builds one organisation from a spec, step by step: classes, curricula, subgroups, teachers
/// (the load spread greedily over specialists), rooms (enough of every special kind), class
/// teachers, assignments. Everything random comes from one `SplitMix64` seeded by the spec.
struct SchoolBuilder {
  /// A class being built.
  struct ClassDraft {
    let grade: Int
    let letter: String
    let letterIndex: Int
    /// "kk" or "ru".
    let language: String
    let shiftIndex: Int
    let boys: Int
    let girls: Int
    let plan: [PlanLine]
    var homeRoom: RoomID?
    var classTeacher: Int?

    var id: ClassID { "\(grade)\(letter)" }
    var students: Int { boys + girls }
  }

  /// One group of one subject of one class (or of a stream) to be taught by one teacher.
  struct Task {
    let classIndex: Int
    let subject: SubjectID
    let group: Int
    let halves: Int
    var specialty: Specialty
    let stream: Bool
  }

  /// The tasks of one class (or stream group) that go to one teacher: all the maths of 7А, the
  /// first English group of 5Б.
  struct Bundle {
    let classIndex: Int
    let specialty: Specialty
    let group: Int
    let stream: Bool
    var halves = 0
    var teacher = -1
    /// A teacher takes at most one bundle of a key: the two groups of a split go to two teachers.
    var conflictKey: String { stream ? "stream" : "\(classIndex)|\(specialty.rawValue)" }
  }

  /// A teacher being built.
  struct TeacherDraft {
    var specialty: Specialty
    var bundles: [Int] = []
    var halves = 0
    var shiftMask = 0
    var conflictKeys: Set<String> = []
    var primaryClass: Int?
    var subjects: Set<SubjectID> = []
    var teachesOrdinary = false
    var teachesArt = false
  }

  let spec: SchoolSpec
  let catalogue: Catalogue
  let country: Country
  var rng: SplitMix64
  let shifts: [Shift]
  /// Hours of a full rate.
  let norm: Int
  /// The most weekly hours the generator gives a teacher (under the 1.5-rate maximum, and under
  /// 70 % of the periods of one shift).
  let loadCapHalves: Int
  /// Seats of a computer room: classes with more students learn informatics in two groups.
  let computerSeats: Int

  var classes: [ClassDraft] = []
  var tasks: [Task] = []
  var splits: [String: SplitKind] = [:]
  var streamClasses: [Int] = []
  var streamSizes: [Int] = []
  var bundles: [Bundle] = []
  var bundleIndex: [String: Int] = [:]
  var drafts: [TeacherDraft] = []
  var rooms: [Room] = []
  var usedSubjects: Set<SubjectID> = []
  /// The subjects of each bundle.
  var bundleSubjects: [[SubjectID]] = []
  /// The bundle of one group of a subject of a class ("3|alg|0").
  var bundleOfGroup: [String: Int] = [:]
  /// Own cabinets of the specialists, by draft index.
  var cabinetOf: [Int: RoomID] = [:]

  init(spec: SchoolSpec) {
    self.spec = spec
    country = spec.country
    catalogue = Catalogue(country: spec.country)
    rng = SplitMix64(seed: spec.seed ^ 0x5A_BA_05_C0_01)
    shifts = SchoolYear.shifts(count: min(max(spec.shifts, 1), 2), country: spec.country)
    norm = spec.country.normHours
    loadCapHalves = (spec.country == .russia ? 24 : 22) * 2
    computerSeats = spec.isRural ? 16 : 15
  }

  // MARK: - Building

  mutating func build() -> Organisation {
    makeClasses()
    makeTasks()
    mergeSmallSpecialties()
    makeBundles()
    distribute()
    makeRooms()
    let teachers = makeTeachers()
    chooseClassTeachers()
    let subjects = catalogue.subjects.filter { usedSubjects.contains($0.id) }.map(\.subject)
    var templates: [StandardCurriculum] = []
    var seenTemplates = Set<String>()
    for c in classes
    where seenTemplates.insert(catalogue.templateID(grade: c.grade, language: c.language, gymnasium: gymnasium))
      .inserted
    {
      templates.append(template(grade: c.grade, language: c.language))
    }
    templates.sort { ($0.grade, $0.id) < ($1.grade, $1.id) }
    let schoolClasses = classes.map { c in
      SchoolClass(
        id: c.id, grade: c.grade, letter: c.letter, shift: shifts[c.shiftIndex].id, boys: c.boys, girls: c.girls,
        homeRoom: c.homeRoom, classTeacher: c.classTeacher.map { teachers[$0].id }, language: c.language)
    }
    let curricula = classes.map { c in
      WorkingCurriculum(
        class: c.id,
        entries: c.plan.map {
          CurriculumEntry(
            subject: $0.subject, weeklyHours: $0.hours, variative: $0.variative ? true : nil,
            duration: $0.double ? .double : nil)
        })
    }
    let (assignments, streams) = makeAssignments(teachers: teachers)
    var buildings = [
      Building(id: "b1", name: country == .russia ? "Основное здание" : "Негізгі ғимарат", address: address(number: 1))
    ]
    if spec.buildings >= 2 {
      buildings.append(
        Building(
          id: "b2", name: country == .russia ? "Корпус начальной школы" : "Бастауыш мектеп ғимараты",
          address: address(number: 2)))
    }
    return Organisation(
      id: spec.id, name: spec.name, kind: spec.kind,
      settings: OrganisationSettings(
        country: country.code, normHours: WeeklyHours(integerLiteral: norm),
        schoolDays: [.mon, .tue, .wed, .thu, .fri], timeZone: country.timeZone, finalGrade: 11),
      academicYear: SchoolYear.academicYear(country), studyPeriods: SchoolYear.quarters(country),
      holidays: SchoolYear.holidays(country), shifts: shifts, bellSchedules: SchoolYear.bells(for: shifts),
      bellRules: SchoolYear.bellRules(for: shifts),
      subjects: subjects, buildings: buildings, rooms: rooms, teachers: teachers, classes: schoolClasses,
      standardCurricula: templates, workingCurricula: curricula, assignments: assignments,
      streams: streams.isEmpty ? nil : streams)
  }

  func template(grade: Int, language: String) -> StandardCurriculum {
    StandardCurriculum(
      id: catalogue.templateID(grade: grade, language: language, gymnasium: gymnasium),
      name: catalogue.templateName(grade: grade, language: language, gymnasium: gymnasium),
      grade: grade, profile: country == .kazakhstan ? language : nil,
      entries: catalogue.plan(grade: grade, language: language, gymnasium: gymnasium).map {
        StandardCurriculumEntry(
          subject: $0.subject, weeklyHours: $0.hours, component: $0.variative ? .variative : .invariant,
          duration: $0.double ? .double : nil)
      })
  }

  func address(number: Int) -> String {
    let place = spec.settlement ?? (country == .russia ? "г. Казань" : "Алматы қ.")
    var r = SplitMix64(seed: spec.seed &+ 77)
    if country == .russia {
      let street = r.pick([
        "ул. Ленина", "ул. Гагарина", "ул. Пушкина", "ул. Школьная", "пр. Победы", "ул. Мира", "ул. Садовая",
      ])
      return "\(place), \(street), \(r.int(2...120) + number - 1)"
    }
    let street =
      spec.isRural
      ? "Мектеп көшесі"
      : r.pick([
        "Абай даңғылы", "Сәтбаев көшесі", "Төле би көшесі", "Жамбыл көшесі", "Байтұрсынұлы көшесі", "Достық даңғылы",
      ])
    return "\(place), \(street), \(r.int(2...150) + number - 1)"
  }

  // MARK: - Classes

  func shiftIndex(ofGrade grade: Int) -> Int {
    shifts.count > 1 && [2, 3, 4, 6].contains(grade) ? 1 : 0
  }

  /// Whether the school follows a gymnasium's curriculum (a second foreign language).
  var gymnasium: Bool { spec.kind == .gymnasium }

  mutating func makeClasses() {
    let letters = country.classLetters
    for grade in 1...11 {
      let count = min(spec.classesPerGrade[grade] ?? 0, letters.count)
      guard count > 0 else { continue }
      let russian = country == .russia ? count : min(spec.russianMediumClassesPerGrade[grade] ?? 0, count)
      for k in 0..<count {
        let language = country == .russia || k >= count - russian ? "ru" : "kk"
        let total: Int
        if spec.isRural {
          total = rng.int(8...16)
        } else if grade >= 10 {
          total = rng.int(20...28)
        } else {
          total = rng.int(22...30)
        }
        let spread = spec.isRural ? 2 : 3
        let boys = max(2, min(total - 2, total / 2 + rng.int(-spread...spread)))
        classes.append(
          ClassDraft(
            grade: grade, letter: letters[k], letterIndex: k, language: language,
            shiftIndex: shiftIndex(ofGrade: grade),
            boys: boys, girls: total - boys,
            plan: catalogue.plan(grade: grade, language: language, gymnasium: gymnasium)))
      }
    }
  }

  // MARK: - Subgroups and tasks

  /// How a class is split for a subject: languages in two groups in big classes, informatics when
  /// the class has more students than the computer room seats, technology into boys and girls.
  func split(of subject: SubjectID, in c: ClassDraft) -> SplitKind {
    if spec.isRural { return c.students > computerSeats && ["inf", "digital"].contains(subject) ? .two : .whole }
    switch subject {
    case "eng", "ger":
      return c.students >= 20 && (country == .kazakhstan || c.grade >= 2) ? .two : .whole
    case "rus-kk", "rus-lit-kk", "kaz-l2":
      return c.students >= 24 ? .two : .whole
    case "kaz" where c.language == "ru":
      return c.students >= 24 ? .two : .whole
    case "inf", "digital":
      return c.students > computerSeats ? .two : .whole
    case "trud" where c.grade >= 5, "craft" where c.grade >= 5:
      return c.students >= 20 && c.boys > 0 && c.girls > 0 ? .boysGirls : .whole
    default:
      return .whole
    }
  }

  mutating func makeTasks() {
    if let stream = spec.englishStream {
      streamClasses = classes.indices.filter { classes[$0].grade == stream.grade }
      let groups = max(2, stream.groups)
      if streamClasses.count >= 2, classes[streamClasses[0]].plan.contains(where: { $0.subject == "eng" }) {
        let total = streamClasses.reduce(0) { $0 + classes[$1].students }
        // Level groups of uneven size: the strongest and the weakest are a little smaller.
        var sizes = (0..<groups).map { total / groups + ($0 < total % groups ? 1 : 0) }
        if groups >= 3 {
          let shift = min(2, sizes[0] / 5)
          sizes[0] -= shift
          sizes[groups - 1] -= shift
          sizes[1] += shift
          sizes[groups - 2] += shift
        }
        streamSizes = sizes
      } else {
        streamClasses = []
      }
    }
    for (ci, c) in classes.enumerated() {
      for line in c.plan {
        usedSubjects.insert(line.subject)
        if line.subject == "eng", streamClasses.contains(ci) { continue }
        let kind = split(of: line.subject, in: c)
        splits["\(ci)|\(line.subject)"] = kind
        let groups = Split(kind).count
        for g in 0..<groups {
          var specialty = catalogue.specialty(of: line.subject, grade: c.grade, language: c.language)
          if specialty == .technologyGirls, kind == .boysGirls, g == 0 { specialty = .technologyBoys }
          tasks.append(
            Task(
              classIndex: ci, subject: line.subject, group: g, halves: line.halves, specialty: specialty, stream: false)
          )
        }
      }
    }
    if let first = streamClasses.first, let line = classes[first].plan.first(where: { $0.subject == "eng" }) {
      for g in streamSizes.indices {
        tasks.append(
          Task(classIndex: first, subject: "eng", group: g, halves: line.halves, specialty: .english, stream: true))
      }
    }
  }

  /// Specialties with less than half a rate merge into a related one (a village teacher of
  /// biology, chemistry and geography).
  mutating func mergeSmallSpecialties() {
    var hours: [Specialty: Int] = [:]
    for t in tasks where t.specialty != .primary { hours[t.specialty, default: 0] += t.halves }
    var target: [Specialty: Specialty] = [:]
    func resolve(_ s: Specialty) -> Specialty {
      var s = s
      while let next = target[s] { s = next }
      return s
    }
    for _ in 0..<2 {
      for s in Specialty.allCases where s != .primary {
        let h = hours[s] ?? 0
        guard h > 0, h < norm else { continue }
        for partner in s.mergePartners.map(resolve) where partner != s && (hours[partner] ?? 0) > 0 {
          target[s] = partner
          hours[partner, default: 0] += h
          hours[s] = 0
          break
        }
      }
    }
    for i in tasks.indices where tasks[i].specialty != .primary {
      tasks[i].specialty = resolve(tasks[i].specialty)
    }
  }

  mutating func makeBundles() {
    for task in tasks {
      let key = task.stream ? "stream|\(task.group)" : "\(task.classIndex)|\(task.specialty.rawValue)|\(task.group)"
      let index: Int
      if let existing = bundleIndex[key] {
        index = existing
      } else {
        index = bundles.count
        bundleIndex[key] = index
        bundles.append(
          Bundle(classIndex: task.classIndex, specialty: task.specialty, group: task.group, stream: task.stream))
        bundleSubjects.append([])
      }
      bundles[index].halves += task.halves
      bundleSubjects[index].append(task.subject)
      if !task.stream { bundleOfGroup["\(task.classIndex)|\(task.subject)|\(task.group)"] = index }
    }
  }

  // MARK: - Teachers' loads

  /// The most weekly hours (in halves) for a teacher teaching in the shifts of `mask`: under the
  /// cap, and under 70 % of the periods the teacher can teach.
  func cap(mask: Int) -> Int {
    let periods: Int
    switch mask {
    case 1: periods = shifts[0].lessonsPerDay
    case 2: periods = shifts[1].lessonsPerDay
    default: periods = shifts.map(\.lessonsPerDay).reduce(0, +) - (shifts.count > 1 ? 1 : 0)
    }
    return min(loadCapHalves, Int(0.7 * Double(5 * periods)) * 2)
  }

  mutating func distribute() {
    // Primary classes: each has its own class teacher for its core subjects.
    for (bi, b) in bundles.enumerated() where b.specialty == .primary {
      var draft = TeacherDraft(specialty: .primary)
      draft.primaryClass = b.classIndex
      drafts.append(draft)
      give(bi, to: drafts.count - 1)
    }
    for specialty in Specialty.allCases where specialty != .primary {
      let mine = bundles.indices.filter { bundles[$0].specialty == specialty }
      guard !mine.isEmpty else { continue }
      let ordered = mine.sorted { a, b in
        let x = bundles[a]
        let y = bundles[b]
        let cx = classes[x.classIndex]
        let cy = classes[y.classIndex]
        return (cx.shiftIndex, x.stream ? 0 : 1, x.group, cx.grade, cx.letterIndex, a)
          < (cy.shiftIndex, y.stream ? 0 : 1, y.group, cy.grade, cy.letterIndex, b)
      }
      let total = mine.reduce(0) { $0 + bundles[$1].halves }
      let onlySecond = mine.allSatisfy { classes[bundles[$0].classIndex].shiftIndex == 1 }
      let typicalCap = cap(mask: onlySecond ? 2 : 1)
      // About one rate per teacher (a little under in Russia, where a rate is 18 hours).
      let target = country == .russia ? 16.5 : Double(norm)
      let byNorm = Int((Double(total) / (2 * target)).rounded())
      let n = max(1, byNorm, (total + typicalCap - 1) / typicalCap)
      let first = drafts.count
      for _ in 0..<n { drafts.append(TeacherDraft(specialty: specialty)) }
      var pointer = first
      for bi in ordered {
        let b = bundles[bi]
        let shiftBit = 1 << classes[b.classIndex].shiftIndex
        func free(_ t: Int) -> Bool {
          let d = drafts[t]
          return !d.conflictKeys.contains(b.conflictKey) && d.halves + b.halves <= cap(mask: d.shiftMask | shiftBit)
        }
        // Fill the teachers one after another, each up to its share: the first k teachers of n
        // together take k/n of the hours, so that rounding does not pile up on the last one. A
        // bundle that overshoots goes in only if that lands nearer the share than stopping short.
        func quota(_ t: Int) -> Int {
          guard t < first + n else { return 0 }
          let before = drafts[first..<t].reduce(0) { $0 + $1.halves }
          return Int((Double(total) * Double(t - first + 1) / Double(n)).rounded()) - before
        }
        func nearQuota(_ t: Int) -> Bool {
          let load = drafts[t].halves
          let share = quota(t)
          return load + b.halves <= share || (load < share && load + b.halves - share < share - load)
        }
        while pointer < drafts.count, drafts[pointer].halves >= quota(pointer) { pointer += 1 }
        var chosen = (pointer..<drafts.count).first { free($0) && nearQuota($0) }
        if chosen == nil {
          chosen = (first..<drafts.count).filter(free).min { drafts[$0].halves < drafts[$1].halves }
        }
        if chosen == nil {
          drafts.append(TeacherDraft(specialty: specialty))
          chosen = drafts.count - 1
        }
        give(bi, to: chosen!)
      }
      // Teachers left without lessons (an overestimate of the count) are not hired.
      drafts.removeAll { $0.specialty == specialty && $0.bundles.isEmpty }
    }
  }

  mutating func give(_ bi: Int, to t: Int) {
    let b = bundles[bi]
    let shift = classes[b.classIndex].shiftIndex
    drafts[t].bundles.append(bi)
    drafts[t].halves += b.halves
    drafts[t].shiftMask |= 1 << shift
    drafts[t].conflictKeys.insert(b.conflictKey)
  }

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

  mutating func makeRooms() {
    let ru = country == .russia
    let demand = specialDemand()
    let rural = spec.isRural
    var floorOne = 0
    var upper = 0
    func numberOnFloorOne() -> Int {
      floorOne += 1
      return 100 + floorOne
    }
    func numberUpstairs() -> Int {
      let n = upper
      upper += 1
      return (2 + n / 16) * 100 + n % 16 + 1
    }
    // Gyms.
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
      rooms.append(Room(id: "gym\(k + 1)", name: name, building: "b1", type: .gym, capacity: rural ? 40 : 60))
    }
    // Workshops: the boys' (wood and metal) and the girls' (sewing and cooking).
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
    // Music rooms.
    let music = roomsNeeded(demand[.music] ?? [])
    for k in 0..<music {
      let n = numberOnFloorOne()
      var name = ru ? "Кабинет музыки" : "Музыка кабинеті"
      if music > 1 { name += " № \(k + 1)" }
      rooms.append(Room(id: "\(n)", name: name, building: "b1", type: .music, capacity: rural ? 20 : 32))
    }
    // Home rooms of the primary classes: classes of different shifts share one.
    let primary = classes.indices.filter { classes[$0].grade <= 4 }
    let byShift = (0..<shifts.count).map { s in primary.filter { classes[$0].shiftIndex == s } }
    let homeRooms = byShift.map(\.count).max() ?? 0
    for k in 0..<homeRooms {
      let second = spec.buildings >= 2
      let n = second ? 100 + k + 1 : numberOnFloorOne()
      let id = second ? "b2-\(n)" : "\(n)"
      let label = ru ? "Кабинет \(n) (начальные классы)" : "\(n) кабинет (бастауыш сынып)"
      rooms.append(
        Room(
          id: id, name: label, building: second ? "b2" : "b1", type: .classroom, capacity: rural ? 20 : rng.int(30...32)
        ))
      for list in byShift where k < list.count { classes[list[k]].homeRoom = id }
    }
    // Laboratories: one or more for each of physics, chemistry and biology.
    let labs = demand[.laboratory] ?? []
    if !labs.isEmpty {
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
          let n = numberUpstairs()
          var name = ru ? family.1 : family.2
          if counts[k] > 1 { name += " № \(j + 1)" }
          rooms.append(Room(id: "\(n)", name: name, building: "b1", type: .laboratory, capacity: rural ? 20 : 30))
        }
      }
    }
    // Computer rooms.
    // The two groups of a class may have informatics at the same time: two rooms when it is split.
    let informaticsSplit = splits.contains {
      $0.value == .two && ($0.key.hasSuffix("|inf") || $0.key.hasSuffix("|digital"))
    }
    let computers = max(roomsNeeded(demand[.computer] ?? []), informaticsSplit ? 2 : 0)
    for k in 0..<computers {
      let n = numberUpstairs()
      var name = ru ? "Кабинет информатики" : "Информатика кабинеті"
      if computers > 1 { name += " № \(k + 1)" }
      let seats = rural ? computerSeats : (k % 2 == 0 ? 16 : computerSeats)
      rooms.append(Room(id: "\(n)", name: name, building: "b1", type: .computer, capacity: seats))
    }
    // The assembly hall (no lessons).
    rooms.append(
      Room(id: "hall", name: ru ? "Актовый зал" : "Акт залы", building: "b1", type: .hall, capacity: rural ? 80 : 250))
    // Own cabinets of the specialists who teach ordinary subjects.
    for t in drafts.indices {
      let subjects = Set(drafts[t].bundles.flatMap { bundleSubjects[$0] })
      drafts[t].subjects = subjects
      drafts[t].teachesOrdinary = subjects.contains { catalogue.info($0).roomType == nil }
      drafts[t].teachesArt = subjects.contains("izo") || subjects.contains("drawing")
    }
    for t in drafts.indices where drafts[t].specialty != .primary && drafts[t].teachesOrdinary {
      let n = numberUpstairs()
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
