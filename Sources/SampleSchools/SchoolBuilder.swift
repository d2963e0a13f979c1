import Planner

/// Builds one organisation from a spec, step by step: classes, curricula, subgroups, teachers
/// (the load spread greedily over specialists), rooms (enough of every special kind), class
/// teachers, assignments. Everything random comes from one `SplitMix64` seeded by the spec.
///
/// This file holds the builder's drafts and state, `build()` (the steps in order, then the
/// organisation put together), the standard curricula and the buildings' addresses. The steps
/// are in `SchoolBuilder+Classes` (classes, splits, tasks, bundles), `+Loads` (bundles spread
/// over teachers), `+Rooms`, `+Teachers` (teachers, wishes, class teachers) and `+Assignments`.
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
        schoolDays: [.mon, .tue, .wed, .thu, .fri], timeZone: country.timeZone,
        finalGrade: spec.classesPerGrade.filter { $0.value > 0 }.keys.max() ?? 11),
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
}
