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
    case .kazakhstan: return language == "ru" ? Catalogue.kazakhRussianMediumPlan(grade: grade) : Catalogue.kazakhPlan(grade: grade)
    }
  }

  func templateID(grade: Int, language: String, gymnasium: Bool = false) -> String {
    country == .russia ? "ru-\(gymnasium ? "gym-" : "")\(grade)" : "kz-\(language)-\(grade)"
  }

  func templateName(grade: Int, language: String, gymnasium: Bool = false) -> String {
    switch country {
    case .russia:
      return "\(gymnasium ? "Учебный план гимназии" : "Федеральный учебный план"), \(grade) класс (5-дневная учебная неделя)"
    case .kazakhstan:
      let medium = language == "ru" ? "орыс тілінде оқыту" : "қазақ тілінде оқыту"
      return "Үлгілік оқу жоспары, \(grade)-сынып (\(medium))"
    }
  }

  // MARK: - Russia (ФОП НОО/ООО/СОО 2023, 5-day week)

  static let russianSubjects: [SubjectInfo] = [
    SubjectInfo(id: "rus", name: "Русский язык", short: "Рус. яз.", roomType: nil, difficulty: 10, specialty: .russian),
    SubjectInfo(id: "lit-read", name: "Литературное чтение", short: "Лит. чт.", roomType: nil, difficulty: 7, specialty: .primary),
    SubjectInfo(id: "lit", name: "Литература", short: "Лит-ра", roomType: nil, difficulty: 7, specialty: .russian),
    SubjectInfo(id: "rus-pract", name: "Практикум по русскому языку", short: "Практ. рус.", roomType: nil, difficulty: 8, specialty: .russian),
    SubjectInfo(id: "eng", name: "Иностранный язык (английский)", short: "Англ. яз.", roomType: nil, difficulty: 9, specialty: .english),
    SubjectInfo(id: "ger", name: "Второй иностранный язык (немецкий)", short: "Нем. яз.", roomType: nil, difficulty: 8, specialty: .german),
    SubjectInfo(id: "math", name: "Математика", short: "Матем.", roomType: nil, difficulty: 10, specialty: .maths),
    SubjectInfo(id: "alg", name: "Алгебра", short: "Алгебра", roomType: nil, difficulty: 10, specialty: .maths),
    SubjectInfo(id: "geom", name: "Геометрия", short: "Геом.", roomType: nil, difficulty: 11, specialty: .maths),
    SubjectInfo(id: "prob", name: "Вероятность и статистика", short: "ВиС", roomType: nil, difficulty: 8, specialty: .maths),
    SubjectInfo(id: "math-pract", name: "Практикум по математике", short: "Практ. мат.", roomType: nil, difficulty: 9, specialty: .maths),
    SubjectInfo(id: "inf", name: "Информатика", short: "Информ.", roomType: .computer, difficulty: 7, specialty: .informatics),
    SubjectInfo(id: "okr", name: "Окружающий мир", short: "Окр. мир", roomType: nil, difficulty: 6, specialty: .primary),
    SubjectInfo(id: "orkse", name: "Основы религиозных культур и светской этики", short: "ОРКСЭ", roomType: nil, difficulty: 4, specialty: .primary),
    SubjectInfo(id: "func-lit", name: "Функциональная грамотность", short: "Функц. гр.", roomType: nil, difficulty: 6, specialty: .primary),
    SubjectInfo(id: "hist", name: "История", short: "История", roomType: nil, difficulty: 6, specialty: .history),
    SubjectInfo(id: "soc", name: "Обществознание", short: "Общ.", roomType: nil, difficulty: 6, specialty: .history),
    SubjectInfo(id: "odnknr", name: "Основы духовно-нравственной культуры народов России", short: "ОДНКНР", roomType: nil, difficulty: 4, specialty: .history),
    SubjectInfo(id: "fin-lit", name: "Финансовая грамотность", short: "Фин. гр.", roomType: nil, difficulty: 5, specialty: .history),
    SubjectInfo(id: "project", name: "Индивидуальный проект", short: "Инд. проект", roomType: nil, difficulty: 4, specialty: .history),
    SubjectInfo(id: "geo", name: "География", short: "Геогр.", roomType: nil, difficulty: 6, specialty: .geography),
    SubjectInfo(id: "bio", name: "Биология", short: "Биол.", roomType: .laboratory, difficulty: 7, specialty: .biology),
    SubjectInfo(id: "chem", name: "Химия", short: "Химия", roomType: .laboratory, difficulty: 11, specialty: .chemistry),
    SubjectInfo(id: "phys", name: "Физика", short: "Физика", roomType: .laboratory, difficulty: 12, specialty: .physics),
    SubjectInfo(id: "music", name: "Музыка", short: "Музыка", roomType: .music, difficulty: 2, specialty: .music),
    SubjectInfo(id: "izo", name: "Изобразительное искусство", short: "ИЗО", roomType: nil, difficulty: 3, specialty: .art),
    SubjectInfo(id: "drawing", name: "Черчение", short: "Черч.", roomType: nil, difficulty: 5, specialty: .art),
    SubjectInfo(id: "trud", name: "Труд (технология)", short: "Труд", roomType: .workshop, difficulty: 3, specialty: .technologyGirls),
    SubjectInfo(id: "pe", name: "Физическая культура", short: "Физ-ра", roomType: .gym, difficulty: 1, specialty: .physicalEducation),
    SubjectInfo(id: "obzr", name: "Основы безопасности и защиты Родины", short: "ОБЗР", roomType: nil, difficulty: 4, specialty: .safety),
  ]

  static func russianPlan(grade: Int) -> [PlanLine] {
    switch grade {
    case 1:
      return [l("rus", 5), l("lit-read", 4), l("math", 4), l("okr", 2), l("music", 1), l("izo", 1), l("trud", 1), l("pe", 2)]
    case 2, 3:
      var plan = [
        l("rus", 5), l("lit-read", 4), l("eng", 2), l("math", 4), l("okr", 2), l("music", 1), l("izo", 1), l("trud", 1),
        l("pe", 2),
      ]
      if grade == 3 { plan.append(v("func-lit", 1)) }
      return plan
    case 4:
      return [
        l("rus", 5), l("lit-read", 3), l("eng", 2), l("math", 4), l("okr", 2), l("orkse", 1), l("music", 1), l("izo", 1),
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
    SubjectInfo(id: "literacy-kk", name: "Сауат ашу", short: "Сауат ашу", roomType: nil, difficulty: 9, specialty: .primary),
    SubjectInfo(id: "literacy-ru", name: "Обучение грамоте", short: "Обуч. гр.", roomType: nil, difficulty: 9, specialty: .primary),
    SubjectInfo(id: "kaz", name: "Қазақ тілі", short: "Қаз. тілі", roomType: nil, difficulty: 9, specialty: .kazakh),
    SubjectInfo(id: "lit-read-kk", name: "Әдебиеттік оқу", short: "Әдеб. оқу", roomType: nil, difficulty: 7, specialty: .primary),
    SubjectInfo(id: "kaz-lit", name: "Қазақ әдебиеті", short: "Қаз. әдеб.", roomType: nil, difficulty: 7, specialty: .kazakh),
    SubjectInfo(id: "kaz-l2", name: "Қазақ тілі мен әдебиеті", short: "Қаз. т. мен әдеб.", roomType: nil, difficulty: 8, specialty: .kazakh),
    SubjectInfo(id: "rus", name: "Русский язык", short: "Рус. яз.", roomType: nil, difficulty: 10, specialty: .russian),
    SubjectInfo(id: "lit-read", name: "Литературное чтение", short: "Лит. чт.", roomType: nil, difficulty: 7, specialty: .primary),
    SubjectInfo(id: "rus-lit", name: "Русская литература", short: "Рус. лит.", roomType: nil, difficulty: 7, specialty: .russian),
    SubjectInfo(id: "rus-kk", name: "Орыс тілі", short: "Орыс тілі", roomType: nil, difficulty: 8, specialty: .russian),
    SubjectInfo(id: "rus-lit-kk", name: "Орыс тілі және әдебиеті", short: "Орыс т. әдеб.", roomType: nil, difficulty: 8, specialty: .russian),
    SubjectInfo(id: "eng", name: "Ағылшын тілі", short: "Ағылшын", roomType: nil, difficulty: 9, specialty: .english),
    SubjectInfo(id: "math", name: "Математика", short: "Матем.", roomType: nil, difficulty: 10, specialty: .maths),
    SubjectInfo(id: "alg", name: "Алгебра", short: "Алгебра", roomType: nil, difficulty: 10, specialty: .maths),
    SubjectInfo(id: "geom", name: "Геометрия", short: "Геом.", roomType: nil, difficulty: 11, specialty: .maths),
    SubjectInfo(id: "math-lit", name: "Математикалық сауаттылық", short: "Мат. сауат.", roomType: nil, difficulty: 9, specialty: .maths),
    SubjectInfo(id: "digital", name: "Цифрлық сауаттылық", short: "Цифр. сауат.", roomType: .computer, difficulty: 5, specialty: .informatics),
    SubjectInfo(id: "inf", name: "Информатика", short: "Информ.", roomType: .computer, difficulty: 7, specialty: .informatics),
    SubjectInfo(id: "natsci", name: "Жаратылыстану", short: "Жарат.", roomType: nil, difficulty: 7, specialty: .biology),
    SubjectInfo(id: "dunie", name: "Дүниетану", short: "Дүниетану", roomType: nil, difficulty: 5, specialty: .primary),
    SubjectInfo(id: "chess", name: "Шахмат", short: "Шахмат", roomType: nil, difficulty: 5, specialty: .primary),
    SubjectInfo(id: "kz-hist", name: "Қазақстан тарихы", short: "Қаз. тарихы", roomType: nil, difficulty: 6, specialty: .history),
    SubjectInfo(id: "world-hist", name: "Дүниежүзі тарихы", short: "Дүн. тарихы", roomType: nil, difficulty: 6, specialty: .history),
    SubjectInfo(id: "law", name: "Құқық негіздері", short: "Құқық", roomType: nil, difficulty: 5, specialty: .history),
    SubjectInfo(id: "fin-lit", name: "Қаржылық сауаттылық", short: "Қарж. сауат.", roomType: nil, difficulty: 5, specialty: .history),
    SubjectInfo(id: "global-comp", name: "Жаһандық құзыреттілік", short: "Жаһ. құз.", roomType: nil, difficulty: 5, specialty: .history),
    SubjectInfo(id: "geo", name: "География", short: "Геогр.", roomType: nil, difficulty: 6, specialty: .geography),
    SubjectInfo(id: "bio", name: "Биология", short: "Биол.", roomType: .laboratory, difficulty: 7, specialty: .biology),
    SubjectInfo(id: "chem", name: "Химия", short: "Химия", roomType: .laboratory, difficulty: 11, specialty: .chemistry),
    SubjectInfo(id: "phys", name: "Физика", short: "Физика", roomType: .laboratory, difficulty: 12, specialty: .physics),
    SubjectInfo(id: "music", name: "Музыка", short: "Музыка", roomType: .music, difficulty: 2, specialty: .music),
    SubjectInfo(id: "craft", name: "Көркем еңбек", short: "Көрк. еңбек", roomType: .workshop, difficulty: 3, specialty: .technologyGirls),
    SubjectInfo(id: "pe", name: "Дене шынықтыру", short: "Дене шын.", roomType: .gym, difficulty: 1, specialty: .physicalEducation),
    SubjectInfo(id: "avtp", name: "Алғашқы әскери және технологиялық дайындық", short: "АӘТД", roomType: nil, difficulty: 3, specialty: .safety),
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
