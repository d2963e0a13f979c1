import Foundation
import Planner
import Testing

@testable import Interchange

@Suite struct FETImportTests {
  func importing(_ text: String) throws -> (Organisation, FETImportReport) {
    try FETImport.organisation(from: FETReader.parse(data: Data(text.utf8), source: "test.fet"))
  }

  func importError(_ text: String) -> String? {
    do {
      _ = try importing(text)
      return nil
    } catch {
      return "\(error)"
    }
  }

  // MARK: Weights

  @Test func weightsMapOntoHardAndSoftAsDocumented() {
    #expect(FETImport.weight(100) == .hard)
    #expect(FETImport.weight(99.99) == .soft(9999))
    #expect(FETImport.weight(99) == .soft(99))
    #expect(FETImport.weight(95) == .soft(19))
    #expect(FETImport.weight(90) == .soft(9))
    #expect(FETImport.weight(50) == .soft(1))
    #expect(FETImport.weight(10) == .soft(1))
  }

  /// The report names the soft weight of FET's 95%, from the import's own mapping: a 95% rule
  /// reaches it, a 90% one does not; a report written before the field existed still decodes.
  @Test func theReportNamesTheStrongSoftWeightOfFETs95Percent() throws {
    func maxGaps(_ teacher: String, _ weight: String) -> String {
      """
      <ConstraintTeacherMaxGapsPerWeek>
      	<Weight_Percentage>\(weight)</Weight_Percentage>
      	<Teacher_Name>\(teacher)</Teacher_Name>
      	<Max_Gaps>0</Max_Gaps>
      	<Active>true</Active>
      	<Comments></Comments>
      </ConstraintTeacherMaxGapsPerWeek>
      """
    }
    let (organisation, report) = try importing(
      FETFixtures.smallFile(timeConstraints: maxGaps("Ann", "95") + "\n" + maxGaps("Bob", "90")))
    #expect(FETImport.strongPercentage == 95)
    #expect(report.strongSoftWeight == 19)
    #expect(report.strongSoftWeight == FETImport.weight(FETImport.strongPercentage).softWeight)
    let strong = try #require(report.strongSoftWeight)
    let weights = (organisation.constraints ?? []).map(\.weight.softWeight)
    #expect(weights == [19, 9])
    #expect(weights.map { $0 >= strong } == [true, false])
    // Into JSON and back; JSON without the field (older reports) decodes with none.
    let again = try JSONDecoder().decode(FETImportReport.self, from: JSONEncoder().encode(report))
    #expect(again.strongSoftWeight == 19)
    #expect(again.supported == report.supported)
    let old =
      #"{"supported": {"ConstraintBasicCompulsoryTime": 1}, "unsupported": {}, "inactive": 0, "inactiveActivities": 0, "notes": [], "virtualRooms": {}}"#
    let decoded = try JSONDecoder().decode(FETImportReport.self, from: Data(old.utf8))
    #expect(decoded.strongSoftWeight == nil)
    #expect(decoded.supported == ["ConstraintBasicCompulsoryTime": 1])
  }

  // MARK: The model

  @Test func theSmallFileBecomesAnOrganisation() throws {
    let (organisation, report) = try importing(FETFixtures.smallFile())
    #expect(organisation.name == "Test & school")
    #expect(organisation.settings.schoolDays.count == 2)
    #expect(organisation.settings.dayNames == ["Mon", "Tue"])
    #expect(organisation.shifts.map(\.lessonsPerDay) == [2])
    #expect(organisation.teachers.map(\.id) == ["Ann", "Bob"])
    #expect(organisation.rooms.map(\.id) == ["A&B"])
    #expect(organisation.activities?.map(\.id) == ["1", "2"])
    #expect(organisation.activities?.map(\.teachers) == [["Ann"], ["Bob"]])
    #expect(organisation.studentSets?.map(\.id) == ["7", "7a"])
    #expect(organisation.studentSets?.first?.members == ["7a"])
    #expect(report.isComplete)
    #expect(report.supported == ["ConstraintBasicCompulsoryTime": 1, "ConstraintBasicCompulsorySpace": 1])
    // The imported organisation is a valid instance and survives the native file.
    #expect(OrganisationValidator.validate(organisation).filter(\.isError).isEmpty)
    let again = try InstanceFile.decode(InstanceFile.encode(organisation))
    #expect(again.activities == organisation.activities)
  }

  @Test func unsupportedConstraintsAreReportedByNameAndCount() throws {
    // A kind of the Mornings–Afternoons mode, which an Official file may still hold.
    let interval = """
      <ConstraintTeacherMaxHoursDailyRealDays>
      	<Weight_Percentage>100</Weight_Percentage>
      	<Teacher_Name>Ann</Teacher_Name>
      	<Maximum_Hours_Daily>1</Maximum_Hours_Daily>
      	<Active>%@</Active>
      	<Comments></Comments>
      </ConstraintTeacherMaxHoursDailyRealDays>
      """
    let text = FETFixtures.smallFile(
      timeConstraints: """
        <ConstraintBasicCompulsoryTime>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintBasicCompulsoryTime>
        \(interval.replacingOccurrences(of: "%@", with: "true"))
        \(interval.replacingOccurrences(of: "%@", with: "true"))
        \(interval.replacingOccurrences(of: "%@", with: "false"))
        <ConstraintActivitiesOccupyMinTimeSlotsFromSelection>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Number_of_Activities>2</Number_of_Activities>
        	<Activity_Id>1</Activity_Id>
        	<Activity_Id>2</Activity_Id>
        	<Number_of_Selected_Time_Slots>0</Number_of_Selected_Time_Slots>
        	<Min_Number_of_Occupied_Time_Slots>0</Min_Number_of_Occupied_Time_Slots>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintActivitiesOccupyMinTimeSlotsFromSelection>
        """)
    let (organisation, report) = try importing(text)
    #expect(!report.isComplete)
    #expect(
      report.unsupported == [
        "ConstraintTeacherMaxHoursDailyRealDays": 2, "ConstraintActivitiesOccupyMinTimeSlotsFromSelection": 1,
      ])
    #expect(report.inactive == 1)
    #expect(
      report.summary.contains(
        "not supported (left out): ConstraintActivitiesOccupyMinTimeSlotsFromSelection × 1, "
          + "ConstraintTeacherMaxHoursDailyRealDays × 2"
      ))
    #expect(report.summary.contains("1 inactive constraints ignored"))
    #expect((organisation.constraints ?? []).isEmpty)
  }

  @Test func aConstraintOnAMissingTeacherNamesItsLine() throws {
    let text = FETFixtures.smallFile(
      timeConstraints: """
        <ConstraintTeacherMaxGapsPerWeek>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Teacher_Name>Zed</Teacher_Name>
        	<Max_Gaps>1</Max_Gaps>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintTeacherMaxGapsPerWeek>
        """)
    let line = FETFixtures.line(of: "<Teacher_Name>Zed", in: text)
    let message = try #require(importError(text))
    #expect(message.contains("test.fet:\(line):"))
    #expect(message.contains("unknown teacher \"Zed\""))
  }

  @Test func anActivityOfAnUnknownSubjectOrStudentsIsAnError() throws {
    let text = FETFixtures.smallFile(
      activities: """
        <Activity>
        	<Teacher>Ann</Teacher>
        	<Subject>Latin</Subject>
        	<Students>9z</Students>
        	<Duration>1</Duration>
        	<Id>1</Id>
        	<Active>true</Active>
        </Activity>
        """)
    let message = try #require(importError(text))
    #expect(message.contains("unknown subject \"Latin\""))
    #expect(message.contains("unknown students set \"9z\""))
  }

  @Test func brokenXMLIsAnErrorWithItsLine() throws {
    let text = FETFixtures.smallFile().replacingOccurrences(
      of: "<Hour><Name>2</Name></Hour>", with: "<Hour><Name>2</Hour>")
    let path = try FETFixtures.write(text)
    defer { FETFixtures.remove(URL(fileURLWithPath: path)) }
    let line = FETFixtures.line(of: "<Hour><Name>2</Hour>", in: text)
    #expect(throws: FETFormatError.self) { try FETImport.read(path: path) }
    do {
      _ = try FETImport.read(path: path)
    } catch {
      #expect("\(error)".contains("test.fet:\(line)"))
    }
  }

  @Test func otherModesThanOfficialAreRefused() throws {
    let text = FETFixtures.smallFile().replacingOccurrences(
      of: "<Mode>Official</Mode>", with: "<Mode>Mornings_Afternoons</Mode>")
    let message = try #require(importError(text))
    #expect(message.contains("Mornings_Afternoons mode; only the Official mode can be imported"))
  }

  // MARK: Constraints

  @Test func filtersSelectTheActivitiesThatShareStudents() throws {
    let students = """
      <Year>
      	<Name>7</Name>
      	<Group>
      		<Name>7a</Name>
      		<Subgroup><Name>7a1</Name></Subgroup>
      		<Subgroup><Name>7a2</Name></Subgroup>
      	</Group>
      	<Group>
      		<Name>7b</Name>
      	</Group>
      </Year>
      """
    func activity(_ id: Int, _ set: String) -> String {
      "<Activity><Teacher>Ann</Teacher><Subject>Maths</Subject><Students>\(set)</Students><Duration>1</Duration><Id>\(id)</Id><Active>true</Active></Activity>"
    }
    let text = FETFixtures.smallFile(
      activities: [activity(1, "7a1"), activity(2, "7b"), activity(3, "7"), activity(4, "7a")].joined(separator: "\n"),
      timeConstraints: """
        <ConstraintActivitiesPreferredStartingTimes>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Teacher_Name></Teacher_Name>
        	<Students_Name>7a</Students_Name>
        	<Subject_Name></Subject_Name>
        	<Activity_Tag_Name></Activity_Tag_Name>
        	<Number_of_Preferred_Starting_Times>1</Number_of_Preferred_Starting_Times>
        	<Preferred_Starting_Time>
        		<Preferred_Starting_Day>Tue</Preferred_Starting_Day>
        		<Preferred_Starting_Hour>2</Preferred_Starting_Hour>
        	</Preferred_Starting_Time>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintActivitiesPreferredStartingTimes>
        """,
      students: students)
    let (organisation, _) = try importing(text)
    let rule = try #require(organisation.constraints?.first)
    #expect(rule.weight == .hard)
    // 7a1 is part of 7a, the year 7 contains it; 7b shares no student with 7a.
    #expect(rule.rule == .preferredStartingTimes(lessons: ["1", "3", "4"], slots: [TimeSlot(day: .tue, period: 2)]))
  }

  @Test func minDaysBetweenWithConsecutiveIfSameDay() throws {
    let text = FETFixtures.smallFile(
      timeConstraints: """
        <ConstraintMinDaysBetweenActivities>
        	<Weight_Percentage>95</Weight_Percentage>
        	<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>
        	<Number_of_Activities>2</Number_of_Activities>
        	<Activity_Id>1</Activity_Id>
        	<Activity_Id>2</Activity_Id>
        	<MinDays>1</MinDays>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintMinDaysBetweenActivities>
        """)
    let (organisation, report) = try importing(text)
    let constraints = organisation.constraints ?? []
    #expect(
      constraints.contains(
        TimetableConstraint(
          .minDaysBetween(lessons: ["1", "2"], minDays: 1, consecutiveIfSameDay: false), weight: .soft(19))))
    // FET keeps the lessons of one day together at any weight: a hard rule of its own.
    #expect(constraints.contains(TimetableConstraint(.consecutiveIfSameDay(lessons: ["1", "2"]), weight: .hard)))
    #expect(report.supported["ConstraintMinDaysBetweenActivities"] == 1)
  }

  @Test func minDaysBetweenThreeOrMoreBelowFullWeightAllowsTwoADayAtMost() throws {
    func activity(_ id: Int) -> String {
      "<Activity><Teacher>Ann</Teacher><Subject>Maths</Subject><Students>7a</Students><Duration>1</Duration><Id>\(id)</Id><Active>true</Active></Activity>"
    }
    func minDays(_ weight: String, _ ids: [Int]) -> String {
      """
      <ConstraintMinDaysBetweenActivities>
      	<Weight_Percentage>\(weight)</Weight_Percentage>
      	<Consecutive_If_Same_Day>false</Consecutive_If_Same_Day>
      	<Number_of_Activities>\(ids.count)</Number_of_Activities>
      	\(ids.map { "<Activity_Id>\($0)</Activity_Id>" }.joined())
      	<MinDays>1</MinDays>
      	<Active>true</Active>
      	<Comments></Comments>
      </ConstraintMinDaysBetweenActivities>
      """
    }
    let text = FETFixtures.smallFile(
      activities: (1...7).map(activity).joined(separator: "\n"),
      timeConstraints: [minDays("99.75", [1, 2, 3]), minDays("100", [4, 5, 6]), minDays("95", [6, 7])].joined(
        separator: "\n"))
    let (organisation, report) = try importing(text)
    let constraints = organisation.constraints ?? []
    // FET never puts a third lesson of the group on a day with two, whatever the weight.
    #expect(
      constraints.contains(TimetableConstraint(.lessonsMaxPerDay(lessons: ["1", "2", "3"], max: 2), weight: .hard)))
    #expect(
      constraints.contains(
        TimetableConstraint(
          .minDaysBetween(lessons: ["1", "2", "3"], minDays: 1, consecutiveIfSameDay: false), weight: .soft(399))))
    // At 100% no two share a day anyway; two lessons never make three.
    let caps = constraints.filter { if case .lessonsMaxPerDay = $0.rule { return true } else { return false } }
    #expect(caps.count == 1)
    #expect(report.supported["ConstraintMinDaysBetweenActivities"] == 3)
  }

  @Test func roomConstraintsBecomeRequirementsOrWishes() throws {
    func preferred(_ id: Int, _ weight: Int) -> String {
      """
      <ConstraintActivityPreferredRoom>
      	<Weight_Percentage>\(weight)</Weight_Percentage>
      	<Activity_Id>\(id)</Activity_Id>
      	<Room>A&amp;B</Room>
      	<Permanently_Locked>false</Permanently_Locked>
      	<Active>true</Active>
      	<Comments></Comments>
      </ConstraintActivityPreferredRoom>
      """
    }
    let text = FETFixtures.smallFile(
      spaceLists: """
        <Space_Constraints_List>
        <ConstraintBasicCompulsorySpace>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintBasicCompulsorySpace>
        \(preferred(1, 100))
        \(preferred(2, 90))
        </Space_Constraints_List>
        """)
    let (organisation, report) = try importing(text)
    let activities = try #require(organisation.activities)
    #expect(activities[0].rooms == [["A&B"]])
    #expect(activities[0].roomsOptional == nil)
    #expect(activities[1].rooms == [["A&B"]])
    #expect(activities[1].roomsOptional == true)
    #expect(
      organisation.constraints == [
        TimetableConstraint(.preferredRooms(lessons: ["2"], rooms: ["A&B"]), weight: .soft(9))
      ])
    #expect(report.supported["ConstraintActivityPreferredRoom"] == 2)
  }

  @Test func roomsTooSmallForTheStudentsAreNotAllowed() throws {
    func room(_ name: String, _ capacity: Int) -> String {
      "<Room><Name>\(name)</Name><Building></Building><Capacity>\(capacity)</Capacity><Virtual>false</Virtual></Room>"
    }
    var text = FETFixtures.smallFile(
      spaceLists: """
        <Space_Constraints_List>
        <ConstraintBasicCompulsorySpace>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Active>true</Active>
        </ConstraintBasicCompulsorySpace>
        <ConstraintSubjectPreferredRooms>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Subject>Maths</Subject>
        	<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>
        	<Preferred_Room>Small</Preferred_Room>
        	<Preferred_Room>Big</Preferred_Room>
        	<Active>true</Active>
        </ConstraintSubjectPreferredRooms>
        </Space_Constraints_List>
        """)
    let rooms = FETFixtures.line(of: "<Rooms_List>", in: text)
    #expect(rooms > 0)
    text = text.replacingOccurrences(
      of: "<Rooms_List>", with: "<Rooms_List>\n" + room("Small", 15) + "\n" + room("Big", 40))
    let (organisation, _) = try importing(text)
    #expect(organisation.activities?.first?.rooms == [["Big", "Small"]])
    // The 20 students of 7a do not fit in the room for 15: FET would not allow it, nor does the demand.
    let problem = try LessonDemandBuilder.problem(for: organisation)
    #expect(problem.lessons.map { $0.rooms.map(\.allowed) } == [[["Big"]], [["Big"]]])
  }

  // MARK: Real files

  @Test(.enabled(if: FETFixtures.haveExamples))
  func everyOfficialExampleImports() throws {
    let files = FETFixtures.files(under: "FET-5-official") + FETFixtures.files(under: "FET-6-official")
    #expect(files.count >= 130)
    var failures: [String] = []
    var complete = 0
    for file in files {
      do {
        let (organisation, report) = try FETImport.read(path: file)
        if report.isComplete { complete += 1 } else { failures.append("\(file): \(report.unsupported)") }
        // Nothing dropped silently: every active constraint is counted as imported or not.
        let document = try FETReader.read(path: file)
        let active = document.constraints.filter(\.active).count
        #expect(report.supported.values.reduce(0, +) + report.unsupported.values.reduce(0, +) == active, "\(file)")
        #expect(organisation.activities?.count == document.activities.filter(\.active).count, "\(file)")
        // Every file imports into an instance that validates, so that it can be solved.
        let errors = OrganisationValidator.validate(organisation).filter(\.isError)
        #expect(errors.isEmpty, "\(file): \(errors.prefix(3).map { "\($0.path): \($0.message)" })")
        #expect(try LessonDemandBuilder.problem(for: organisation).lessons.count == organisation.activities?.count)
      } catch {
        failures.append("\(file): \(error)")
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    // Every kind of constraint the official examples use is supported.
    #expect(complete == files.count, "\(complete) of \(files.count) complete")
  }

  @Test(.enabled(if: FETFixtures.haveExamples))
  func theDevelopmentSetImportsWithItsGapsNamed() throws {
    let root = "FET-5-official/"
    let (denmark, denmarkReport) = try FETImport.read(path: FETFixtures.path(root + "Denmark/small-school.fet"))
    #expect(denmarkReport.isComplete)
    #expect(denmark.activities?.count == 25)
    let (_, spain) = try FETImport.read(path: FETFixtures.path(root + "Spain/1-school/school.fet"))
    #expect(spain.supported.keys.contains("ConstraintTeachersIntervalMaxDaysPerWeek"))
    let (russia, _) = try FETImport.read(
      path: FETFixtures.path(root + "Russia/Russian-Medical-College/timetable-ru.fet"))
    // Cyrillic names survive the native file.
    #expect(russia.teachers.contains { $0.id.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) } })
    let again = try InstanceFile.decode(InstanceFile.encode(russia))
    #expect(again.teachers.map(\.id) == russia.teachers.map(\.id))
    #expect(again.activities == russia.activities)
  }
}
