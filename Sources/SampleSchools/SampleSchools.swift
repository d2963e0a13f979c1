import Planner

/// Realistic sample schools of Kazakhstan and Russia for demonstrations, tests and benchmarks:
/// classes, standard and working curricula, teachers with their loads, rooms, the 2025–2026
/// calendar and bells. Everything is deterministic: the same spec (or preset) gives an identical
/// organisation on every run.
public enum SampleSchools {
  /// The organisation a spec describes.
  public static func organisation(_ spec: SchoolSpec) -> Organisation {
    var builder = SchoolBuilder(spec: spec)
    return builder.build()
  }

  // MARK: - Presets

  /// The spec of `smallKazakhSchool()`.
  public static let smallKazakhSchoolSpec = SchoolSpec(
    id: "kz-karaoy", name: "Қараой ауылының жалпы білім беретін мектебі", country: .kazakhstan,
    classesPerGrade: Dictionary(uniqueKeysWithValues: (1...9).map { ($0, 1) }), shifts: 1, isRural: true,
    settlement: "Алматы облысы, Іле ауданы, Қараой ауылы", seed: 2025)

  /// The spec of `cityGymnasium()`.
  public static let cityGymnasiumSpec = SchoolSpec(
    id: "ru-gymnasium-17", name: "МАОУ «Гимназия № 17»", country: .russia, kind: .gymnasium,
    classesPerGrade: [1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3, 8: 3, 9: 3, 10: 2, 11: 2], shifts: 2,
    englishStream: EnglishStreamSpec(grade: 7, groups: 4), settlement: "г. Казань", seed: 17)

  /// The spec of `largeSchool()`.
  public static let largeSchoolSpec = SchoolSpec(
    id: "kz-almaty-45", name: "№ 45 жалпы білім беретін мектеп", country: .kazakhstan,
    classesPerGrade: [1: 6, 2: 6, 3: 5, 4: 5, 5: 5, 6: 5, 7: 5, 8: 5, 9: 5, 10: 4, 11: 3],
    russianMediumClassesPerGrade: [1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 2, 9: 2, 10: 1, 11: 1], shifts: 2,
    buildings: 2, settlement: "Алматы қ.", seed: 45)

  /// A small one-shift village school in Kazakhstan: grades 1–9, one Kazakh-medium class each
  /// (8–16 pupils), about fifteen teachers who combine subjects.
  public static func smallKazakhSchool() -> Organisation { organisation(smallKazakhSchoolSpec) }

  /// A Russian city gymnasium in two shifts: 31 classes (three in grades 1–9, two in 10–11),
  /// English and informatics in two groups, technology for boys and girls, and the 7th grade's
  /// English as a stream of four level groups taught at the same time.
  public static func cityGymnasium() -> Organisation { organisation(cityGymnasiumSpec) }

  /// A large Kazakhstan school in two shifts and two buildings: 54 classes taught in Kazakh
  /// (А, Ә, Б…) and in Russian (the last letters of each parallel), about a hundred teachers.
  public static func largeSchool() -> Organisation { organisation(largeSchoolSpec) }

  // MARK: - Generated schools

  /// A school of any size for benchmarks: `classes` classes spread over grades 1–11 (more in the
  /// lower grades), in one or two shifts (with two, grades 2, 3, 4 and 6 study in the second).
  /// Kazakhstan schools get a third or so of Russian-medium classes.
  public static func generated(classes: Int, shifts: Int, seed: UInt64, country: Country = .kazakhstan) -> Organisation
  {
    var rng = SplitMix64(seed: seed)
    let number = Int(seed % 150) + 1
    let spec = SchoolSpec(
      id: "gen-\(country.code.lowercased())-\(classes)-\(shifts)-\(seed)",
      name: country == .russia ? "МБОУ «СОШ № \(number)»" : "№ \(number) жалпы білім беретін мектеп",
      country: country, classesPerGrade: classesPerGrade(total: classes, rng: &rng),
      russianMediumClassesPerGrade: [:], shifts: shifts, buildings: classes >= 60 ? 2 : 1, seed: rng.derivedSeed())
    return organisation(withRussianMedium(spec, share: 0.35))
  }

  /// The schools of a district for reports and load tests: `schools` organisations of 5 to 60
  /// classes, about half in Kazakhstan and half in Russia, village schools among them; ids
  /// "school-001", "school-002" …
  public static func district(schools: Int, seed: UInt64) -> [Organisation] {
    var rng = SplitMix64(seed: seed)
    let width = max(3, String(schools).count)
    return (0..<max(0, schools)).map { i in
      let country: Country = rng.chance(0.5) ? .kazakhstan : .russia
      let r = rng.unit()
      let size = r < 0.35 ? rng.int(5...14) : r < 0.8 ? rng.int(15...35) : rng.int(36...60)
      let rural = size <= 12
      let gymnasium = !rural && size >= 20 && rng.chance(0.15)
      let village = rng.pick(country == .russia ? villagesRU : villagesKZ)
      let number = i + 1
      let name: String
      switch (country, rural, gymnasium) {
      case (.russia, true, _): name = "МБОУ «\(village) СОШ»"
      case (.russia, false, true): name = "МАОУ «Гимназия № \(number)»"
      case (.russia, false, false): name = "МБОУ «СОШ № \(number)»"
      case (.kazakhstan, true, _): name = "\(village) ауылының жалпы білім беретін мектебі"
      case (.kazakhstan, false, true): name = "№ \(number) мектеп-гимназия"
      case (.kazakhstan, false, false): name = "№ \(number) жалпы білім беретін мектеп"
      }
      let id = "school-" + String(repeating: "0", count: max(0, width - String(number).count)) + String(number)
      var spec = SchoolSpec(
        id: id, name: name, country: country, kind: gymnasium ? .gymnasium : .school,
        classesPerGrade: classesPerGrade(total: size, rng: &rng), shifts: size >= 30 ? 2 : 1,
        buildings: size >= 45 ? 2 : 1, isRural: rural,
        settlement: rural ? (country == .russia ? "с. \(village)" : "\(village) ауылы") : nil, seed: rng.derivedSeed())
      if country == .kazakhstan {
        // Most schools teach in both languages; some village schools only in Kazakh, some only in Russian.
        let share = rural ? (rng.chance(0.2) ? 1.0 : 0.0) : rng.pick([0.0, 0.3, 0.4, 0.5])
        spec = withRussianMedium(spec, share: share)
      }
      return organisation(spec)
    }
  }

  // MARK: - Helpers

  static let villagesRU = [
    "Берёзовская", "Никольская", "Покровская", "Троицкая", "Ивановская", "Сосновская", "Малиновская", "Заречная",
    "Луговская", "Озёрная",
  ]
  static let villagesKZ = [
    "Қараой", "Ақсу", "Көктал", "Талдыбұлақ", "Жаңатұрмыс", "Бесағаш", "Қарасу", "Ақжар", "Шамалған", "Қайнар",
  ]

  /// Spreads classes over grades 1–11: one a grade first (grades 1…n for fewer than eleven), the
  /// rest in proportion to the usual sizes of the parallels (primary larger, 10–11 smaller).
  static func classesPerGrade(total: Int, rng: inout SplitMix64) -> [Int: Int] {
    let total = max(1, min(total, 132))
    if total < 11 { return Dictionary(uniqueKeysWithValues: (1...total).map { ($0, 1) }) }
    let base: [Double] = [1.15, 1.1, 1.1, 1.05, 1.05, 1.0, 1.0, 0.95, 0.95, 0.55, 0.5]
    let weights = base.map { $0 * (0.9 + 0.2 * rng.unit()) }
    var counts = Array(repeating: 1, count: 11)
    let rest = total - 11
    let sum = weights.reduce(0, +)
    let exact = weights.map { Double(rest) * $0 / sum }
    for g in 0..<11 { counts[g] += Int(exact[g]) }
    var left = total - counts.reduce(0, +)
    let byRemainder = (0..<11).sorted {
      (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1)
    }
    var k = 0
    while left > 0 {
      let g = byRemainder[k % 11]
      if counts[g] < 12 {
        counts[g] += 1
        left -= 1
      }
      k += 1
    }
    return Dictionary(uniqueKeysWithValues: (0..<11).map { ($0 + 1, counts[$0]) })
  }

  /// The spec with about `share` of each parallel's classes taught in Russian (Kazakhstan only;
  /// a parallel of one class stays Kazakh-medium unless the share is 1).
  static func withRussianMedium(_ spec: SchoolSpec, share: Double) -> SchoolSpec {
    guard spec.country == .kazakhstan else { return spec }
    var result = spec
    var russian: [Int: Int] = [:]
    for grade in 1...11 {
      let count = spec.classesPerGrade[grade] ?? 0
      guard count > 0 else { continue }
      let n = share >= 1 ? count : count >= 2 ? min(count - 1, Int((Double(count) * share).rounded())) : 0
      if n > 0 { russian[grade] = n }
    }
    result.russianMediumClassesPerGrade = russian
    return result
  }
}
