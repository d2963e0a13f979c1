import Planner

/// What a teacher is trained as: the subjects of one specialty go to the same teachers.
enum Specialty: Int, CaseIterable, Comparable, Sendable {
  case primary, russian, kazakh, english, german, maths, informatics, history, geography, biology, chemistry, physics,
    music, art, technologyBoys, technologyGirls, physicalEducation, safety

  static func < (a: Specialty, b: Specialty) -> Bool { a.rawValue < b.rawValue }

  /// Specialties a small one is merged into when it has too few hours for a teacher of its own
  /// (a village teacher of biology also teaches chemistry and geography), first that exists wins.
  var mergePartners: [Specialty] {
    switch self {
    case .geography: return [.biology, .history]
    case .chemistry: return [.biology, .physics]
    case .biology: return [.chemistry, .geography]
    case .physics: return [.informatics, .maths]
    case .informatics: return [.physics, .maths]
    case .safety: return [.physicalEducation, .history]
    case .music: return [.art, .technologyGirls]
    case .art: return [.music, .technologyGirls]
    case .technologyGirls: return [.technologyBoys, .art]
    case .technologyBoys: return [.technologyGirls]
    case .history: return [.geography]
    case .german: return [.english]
    default: return []
    }
  }

  /// The share of men among teachers of the specialty (schools are mostly staffed by women).
  var maleShare: Double {
    switch self {
    case .primary: return 0.03
    case .russian: return 0.05
    case .kazakh: return 0.1
    case .english: return 0.1
    case .german: return 0.1
    case .maths: return 0.2
    case .informatics: return 0.4
    case .history: return 0.3
    case .geography: return 0.2
    case .biology: return 0.1
    case .chemistry: return 0.15
    case .physics: return 0.35
    case .music: return 0.2
    case .art: return 0.2
    case .technologyBoys: return 1
    case .technologyGirls: return 0
    case .physicalEducation: return 0.55
    case .safety: return 1
    }
  }
}

/// One subject of a country's directory.
struct SubjectInfo: Sendable {
  let id: SubjectID
  let name: String
  let short: String
  let roomType: RoomType?
  let difficulty: Int
  let specialty: Specialty

  var subject: Subject { Subject(id: id, name: name, shortName: short, roomType: roomType, difficulty: difficulty) }
}

/// One line of a standard curriculum: a subject, its weekly hours in halves, and whether it is
/// variative or taught as double lessons.
struct PlanLine: Sendable {
  let subject: SubjectID
  let halves: Int
  let variative: Bool
  let double: Bool

  var hours: WeeklyHours { WeeklyHours(halves: halves) }
}

private func l(_ subject: SubjectID, _ hours: Double, variative: Bool = false, double: Bool = false) -> PlanLine {
  PlanLine(subject: subject, halves: Int((hours * 2).rounded()), variative: variative, double: double)
}

private func v(_ subject: SubjectID, _ hours: Double) -> PlanLine { l(subject, hours, variative: true) }

/// A subject of the directory: id, name, short name, room type, difficulty, specialty.
private func entry(
  _ id: SubjectID, _ name: String, _ short: String, _ roomType: RoomType?, _ difficulty: Int, _ specialty: Specialty
) -> SubjectInfo {
  SubjectInfo(id: id, name: name, short: short, roomType: roomType, difficulty: difficulty, specialty: specialty)
}

/// The subjects, standard curricula and names of one country's schools.
struct Catalogue: Sendable {
  let country: Country
  let subjects: [SubjectInfo]
  private let index: [SubjectID: Int]

  init(country: Country) {
    self.country = country
    subjects = country == .russia ? Catalogue.russianSubjects : Catalogue.kazakhSubjects
    var index: [SubjectID: Int] = [:]
    for (i, s) in subjects.enumerated() { index[s.id] = i }
    self.index = index
  }

  func info(_ id: SubjectID) -> SubjectInfo { subjects[index[id]!] }
  func order(_ id: SubjectID) -> Int { index[id] ?? Int.max }

  /// The subjects a primary class teacher teaches their own class (all but languages taught by
  /// specialists, English, music and PE).
  func primaryCore(language: String) -> Set<SubjectID> {
    switch (country, language) {
    case (.russia, _): return ["rus", "lit-read", "math", "okr", "orkse", "izo", "trud", "func-lit"]
    case (.kazakhstan, "ru"): return ["literacy-ru", "rus", "lit-read", "math", "natsci", "dunie", "craft", "chess"]
    default: return ["literacy-kk", "kaz", "lit-read-kk", "math", "natsci", "dunie", "craft", "chess"]
    }
  }

  /// The specialty whose teachers teach a subject in a class of a grade and language.
  func specialty(of subject: SubjectID, grade: Int, language: String) -> Specialty {
    if grade <= 4, primaryCore(language: language).contains(subject) { return .primary }
    return info(subject).specialty
  }

  /// The subjects a specialist of a specialty is qualified for.
  func qualifications(of specialty: Specialty) -> [SubjectID] {
    subjects.filter { $0.specialty == specialty }.map(\.id)
  }

  /// The standard curriculum of a grade for a language of instruction; a Russian gymnasium adds
  /// a second foreign language in grades 5, 7 and 8 to the variative part (not in 6, whose week
  /// is nearly full).
  func plan(grade: Int, language: String, gymnasium: Bool = false) -> [PlanLine] {
    switch country {
    case .russia:
      let secondLanguage = [5: 1.0, 7: 2.0, 8: 1.0]
      guard gymnasium, let hours = secondLanguage[grade] else { return Catalogue.russianPlan(grade: grade) }
      return Catalogue.russianPlan(grade: grade) + [v("ger", hours)]
    case .kazakhstan:
      return language == "ru" ? Catalogue.kazakhRussianMediumPlan(grade: grade) : Catalogue.kazakhPlan(grade: grade)
    }
  }

  func templateID(grade: Int, language: String, gymnasium: Bool = false) -> String {
    country == .russia ? "ru-\(gymnasium ? "gym-" : "")\(grade)" : "kz-\(language)-\(grade)"
  }

  func templateName(grade: Int, language: String, gymnasium: Bool = false) -> String {
    switch country {
    case .russia:
      return
        "\(gymnasium ? "Учебный план гимназии" : "Федеральный учебный план"), \(grade) класс (5-дневная учебная неделя)"
    case .kazakhstan:
      let medium = language == "ru" ? "орыс тілінде оқыту" : "қазақ тілінде оқыту"
      return "Үлгілік оқу жоспары, \(grade)-сынып (\(medium))"
    }
  }

  // MARK: - Russia (ФОП НОО/ООО/СОО 2023, 5-day week)

  static let russianSubjects: [SubjectInfo] = [
    entry("rus", "Русский язык", "Рус. яз.", nil, 10, .russian),
    entry("lit-read", "Литературное чтение", "Лит. чт.", nil, 7, .primary),
    entry("lit", "Литература", "Лит-ра", nil, 7, .russian),
    entry("rus-pract", "Практикум по русскому языку", "Практ. рус.", nil, 8, .russian),
    entry("eng", "Иностранный язык (английский)", "Англ. яз.", nil, 9, .english),
    entry("ger", "Второй иностранный язык (немецкий)", "Нем. яз.", nil, 8, .german),
    entry("math", "Математика", "Матем.", nil, 10, .maths),
    entry("alg", "Алгебра", "Алгебра", nil, 10, .maths),
    entry("geom", "Геометрия", "Геом.", nil, 11, .maths),
    entry("prob", "Вероятность и статистика", "ВиС", nil, 8, .maths),
    entry("math-pract", "Практикум по математике", "Практ. мат.", nil, 9, .maths),
    entry("inf", "Информатика", "Информ.", .computer, 7, .informatics),
    entry("okr", "Окружающий мир", "Окр. мир", nil, 6, .primary),
    entry("orkse", "Основы религиозных культур и светской этики", "ОРКСЭ", nil, 4, .primary),
    entry("func-lit", "Функциональная грамотность", "Функц. гр.", nil, 6, .primary),
    entry("hist", "История", "История", nil, 6, .history),
    entry("soc", "Обществознание", "Общ.", nil, 6, .history),
    entry("odnknr", "Основы духовно-нравственной культуры народов России", "ОДНКНР", nil, 4, .history),
    entry("fin-lit", "Финансовая грамотность", "Фин. гр.", nil, 5, .history),
    entry("project", "Индивидуальный проект", "Инд. проект", nil, 4, .history),
    entry("geo", "География", "Геогр.", nil, 6, .geography),
    entry("bio", "Биология", "Биол.", .laboratory, 7, .biology),
    entry("chem", "Химия", "Химия", .laboratory, 11, .chemistry),
    entry("phys", "Физика", "Физика", .laboratory, 12, .physics),
    entry("music", "Музыка", "Музыка", .music, 2, .music),
    entry("izo", "Изобразительное искусство", "ИЗО", nil, 3, .art),
    entry("drawing", "Черчение", "Черч.", nil, 5, .art),
    entry("trud", "Труд (технология)", "Труд", .workshop, 3, .technologyGirls),
    entry("pe", "Физическая культура", "Физ-ра", .gym, 1, .physicalEducation),
    entry("obzr", "Основы безопасности и защиты Родины", "ОБЗР", nil, 4, .safety),
  ]

  static func russianPlan(grade: Int) -> [PlanLine] {
    switch grade {
    case 1:
      return [
        l("rus", 5), l("lit-read", 4), l("math", 4), l("okr", 2), l("music", 1), l("izo", 1), l("trud", 1), l("pe", 2),
      ]
    case 2, 3:
      var plan = [
        l("rus", 5), l("lit-read", 4), l("eng", 2), l("math", 4), l("okr", 2), l("music", 1), l("izo", 1), l("trud", 1),
        l("pe", 2),
      ]
      if grade == 3 { plan.append(v("func-lit", 1)) }
      return plan
    case 4:
      return [
        l("rus", 5), l("lit-read", 3), l("eng", 2), l("math", 4), l("okr", 2), l("orkse", 1), l("music", 1),
        l("izo", 1),
        l("trud", 1), l("pe", 2),
      ]
    case 5:
      return [
        l("rus", 5), l("lit", 3), l("eng", 3), l("math", 5), l("hist", 2), l("geo", 1), l("bio", 1), l("music", 1),
        l("izo", 1), l("trud", 2, double: true), l("pe", 2), v("odnknr", 1),
      ]
    case 6:
      return [
        l("rus", 6), l("lit", 3), l("eng", 3), l("math", 5), l("hist", 2), l("soc", 1), l("geo", 1), l("bio", 1),
        l("music", 1), l("izo", 1), l("trud", 2, double: true), l("pe", 2),
      ]
    case 7:
      return [
        l("rus", 4), l("lit", 2), l("eng", 3), l("alg", 3), l("geom", 2), l("prob", 1), l("inf", 1), l("hist", 2),
        l("soc", 1), l("geo", 2), l("phys", 2), l("bio", 1), l("music", 1), l("izo", 1), l("trud", 2, double: true),
        l("pe", 2),
      ]
    case 8:
      return [
        l("rus", 3), l("lit", 2), l("eng", 3), l("alg", 3), l("geom", 2), l("prob", 1), l("inf", 1), l("hist", 2),
        l("soc", 1), l("geo", 2), l("phys", 2), l("chem", 2), l("bio", 2), l("music", 1), l("trud", 1), l("obzr", 1),
        l("pe", 2), v("drawing", 1),
      ]
    case 9:
      return [
        l("rus", 3), l("lit", 3), l("eng", 3), l("alg", 3), l("geom", 2), l("prob", 1), l("inf", 1), l("hist", 2.5),
        l("soc", 1), l("geo", 2), l("phys", 3), l("chem", 2), l("bio", 2), l("trud", 1), l("obzr", 1), l("pe", 2),
        v("fin-lit", 0.5),
      ]
    default:
      var plan = [
        l("rus", 2), l("lit", 3), l("eng", 3), l("alg", 3), l("geom", 2), l("prob", 1), l("inf", 1), l("hist", 2),
        l("soc", 2), l("geo", 1), l("phys", 2), l("chem", 1), l("bio", 1), l("obzr", 1), l("pe", 2),
      ]
      plan += grade == 10 ? [v("project", 1), v("math-pract", 1)] : [v("math-pract", 1), v("rus-pract", 1)]
      return plan
    }
  }

  // MARK: - Kazakhstan (үлгілік оқу жоспарлары, 5-day week)

  static let kazakhSubjects: [SubjectInfo] = [
    entry("literacy-kk", "Сауат ашу", "Сауат ашу", nil, 9, .primary),
    entry("literacy-ru", "Обучение грамоте", "Обуч. гр.", nil, 9, .primary),
    entry("kaz", "Қазақ тілі", "Қаз. тілі", nil, 9, .kazakh),
    entry("lit-read-kk", "Әдебиеттік оқу", "Әдеб. оқу", nil, 7, .primary),
    entry("kaz-lit", "Қазақ әдебиеті", "Қаз. әдеб.", nil, 7, .kazakh),
    entry("kaz-l2", "Қазақ тілі мен әдебиеті", "Қаз. т. мен әдеб.", nil, 8, .kazakh),
    entry("rus", "Русский язык", "Рус. яз.", nil, 10, .russian),
    entry("lit-read", "Литературное чтение", "Лит. чт.", nil, 7, .primary),
    entry("rus-lit", "Русская литература", "Рус. лит.", nil, 7, .russian),
    entry("rus-kk", "Орыс тілі", "Орыс тілі", nil, 8, .russian),
    entry("rus-lit-kk", "Орыс тілі және әдебиеті", "Орыс т. әдеб.", nil, 8, .russian),
    entry("eng", "Ағылшын тілі", "Ағылшын", nil, 9, .english),
    entry("math", "Математика", "Матем.", nil, 10, .maths),
    entry("alg", "Алгебра", "Алгебра", nil, 10, .maths),
    entry("geom", "Геометрия", "Геом.", nil, 11, .maths),
    entry("math-lit", "Математикалық сауаттылық", "Мат. сауат.", nil, 9, .maths),
    entry("digital", "Цифрлық сауаттылық", "Цифр. сауат.", .computer, 5, .informatics),
    entry("inf", "Информатика", "Информ.", .computer, 7, .informatics),
    entry("natsci", "Жаратылыстану", "Жарат.", nil, 7, .biology),
    entry("dunie", "Дүниетану", "Дүниетану", nil, 5, .primary),
    entry("chess", "Шахмат", "Шахмат", nil, 5, .primary),
    entry("kz-hist", "Қазақстан тарихы", "Қаз. тарихы", nil, 6, .history),
    entry("world-hist", "Дүниежүзі тарихы", "Дүн. тарихы", nil, 6, .history),
    entry("law", "Құқық негіздері", "Құқық", nil, 5, .history),
    entry("fin-lit", "Қаржылық сауаттылық", "Қарж. сауат.", nil, 5, .history),
    entry("global-comp", "Жаһандық құзыреттілік", "Жаһ. құз.", nil, 5, .history),
    entry("geo", "География", "Геогр.", nil, 6, .geography),
    entry("bio", "Биология", "Биол.", .laboratory, 7, .biology),
    entry("chem", "Химия", "Химия", .laboratory, 11, .chemistry),
    entry("phys", "Физика", "Физика", .laboratory, 12, .physics),
    entry("music", "Музыка", "Музыка", .music, 2, .music),
    entry("craft", "Көркем еңбек", "Көрк. еңбек", .workshop, 3, .technologyGirls),
    entry("pe", "Дене шынықтыру", "Дене шын.", .gym, 1, .physicalEducation),
    entry("avtp", "Алғашқы әскери және технологиялық дайындық", "АӘТД", nil, 3, .safety),
  ]

  /// Kazakh-medium classes.
  static func kazakhPlan(grade: Int) -> [PlanLine] {
    switch grade {
    case 1:
      return [
        l("literacy-kk", 6), l("math", 4), l("natsci", 1), l("dunie", 1), l("craft", 2), l("music", 1), l("pe", 3),
        v("chess", 1),
      ]
    case 2:
      return [
        l("kaz", 3), l("lit-read-kk", 3), l("rus-kk", 2), l("math", 4), l("digital", 1), l("natsci", 1), l("dunie", 1),
        l("craft", 2), l("music", 1), l("pe", 3),
      ]
    case 3, 4:
      return [
        l("kaz", 3), l("lit-read-kk", 3), l("rus-kk", 2), l("eng", 2), l("math", 4), l("digital", 1),
        l("natsci", grade == 3 ? 1 : 2), l("dunie", 1), l("craft", 1), l("music", 1), l("pe", 3),
      ]
    case 5, 6:
      var plan = [
        l("kaz", 3), l("kaz-lit", 2), l("rus-lit-kk", 2), l("eng", 3), l("math", 5), l("inf", 1), l("natsci", 2),
        l("kz-hist", 1), l("world-hist", 1), l("music", 1), l("craft", 2, double: true), l("pe", 3),
      ]
      if grade == 6 { plan.append(v("math-lit", 1)) }
      return plan
    case 7, 8:
      return [
        l("kaz", grade == 7 ? 3 : 2), l("kaz-lit", grade == 7 ? 2 : 3), l("rus-lit-kk", 2), l("eng", 3), l("alg", 3),
        l("geom", 2), l("inf", 1), l("phys", 2), l("chem", 2), l("bio", 2), l("geo", 2), l("kz-hist", 2),
        l("world-hist", 1), l("craft", 1), l("pe", 3),
      ]
    case 9:
      return [
        l("kaz", 2), l("kaz-lit", 3), l("rus-lit-kk", 2), l("eng", 2), l("alg", 3), l("geom", 2), l("inf", 1),
        l("phys", 2), l("chem", 2), l("bio", 2), l("geo", 2), l("kz-hist", 2), l("world-hist", 1.5), l("law", 1),
        l("pe", 3), v("fin-lit", 0.5),
      ]
    default:
      return [
        l("kaz", 1), l("kaz-lit", 3), l("rus-lit-kk", 2), l("eng", 2), l("alg", 3), l("geom", 2), l("inf", 2),
        l("phys", 2), l("chem", 2), l("bio", 2), l("geo", 1), l("kz-hist", 2), l("world-hist", 1), l("law", 1),
        l("avtp", 1), l("pe", 2), grade == 10 ? v("global-comp", 1) : v("math-lit", 1),
      ]
    }
  }

  /// Russian-medium classes of Kazakhstan.
  static func kazakhRussianMediumPlan(grade: Int) -> [PlanLine] {
    switch grade {
    case 1:
      return [
        l("literacy-ru", 6), l("kaz", 1), l("math", 4), l("natsci", 1), l("dunie", 1), l("craft", 2), l("music", 1),
        l("pe", 3),
      ]
    case 2:
      return [
        l("rus", 3), l("lit-read", 3), l("kaz", 2), l("math", 4), l("digital", 1), l("natsci", 1), l("dunie", 1),
        l("craft", 2), l("music", 1), l("pe", 3),
      ]
    case 3, 4:
      return [
        l("rus", 3), l("lit-read", 3), l("kaz", 2), l("eng", 2), l("math", 4), l("digital", 1),
        l("natsci", grade == 3 ? 1 : 2), l("dunie", 1), l("craft", 1), l("music", 1), l("pe", 3),
      ]
    case 5, 6:
      return [
        l("rus", 3), l("rus-lit", 2), l("kaz-l2", 3), l("eng", 3), l("math", 5), l("inf", 1), l("natsci", 2),
        l("kz-hist", 1), l("world-hist", 1), l("music", 1), l("craft", 2, double: true), l("pe", 3),
      ]
    case 7, 8:
      return [
        l("rus", 2), l("rus-lit", 2), l("kaz-l2", 3), l("eng", 3), l("alg", 3), l("geom", 2), l("inf", 1),
        l("phys", 2), l("chem", 2), l("bio", 2), l("geo", 2), l("kz-hist", 2), l("world-hist", 1), l("craft", 1),
        l("pe", 3),
      ]
    case 9:
      return [
        l("rus", 2), l("rus-lit", 2), l("kaz-l2", 3), l("eng", 2), l("alg", 3), l("geom", 2), l("inf", 1),
        l("phys", 2), l("chem", 2), l("bio", 2), l("geo", 2), l("kz-hist", 2), l("world-hist", 1.5), l("law", 1),
        l("pe", 3), v("fin-lit", 0.5),
      ]
    default:
      return [
        l("rus", 1), l("rus-lit", 3), l("kaz-l2", 2), l("eng", 2), l("alg", 3), l("geom", 2), l("inf", 2),
        l("phys", 2), l("chem", 2), l("bio", 2), l("geo", 1), l("kz-hist", 2), l("world-hist", 1), l("law", 1),
        l("avtp", 1), l("pe", 2), grade == 10 ? v("global-comp", 1) : v("math-lit", 1),
      ]
    }
  }
}
