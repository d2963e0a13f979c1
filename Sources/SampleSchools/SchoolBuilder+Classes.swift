import Planner

/// The school builder's classes, how each is split for each subject, and the tasks and bundles
/// of lessons they make: small specialties merged into related ones.
extension SchoolBuilder {
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
}
