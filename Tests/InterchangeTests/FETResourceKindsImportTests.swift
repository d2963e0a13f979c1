import Foundation
import Planner
import Testing

@testable import Interchange

/// FET's interval max days, activity-tag max hours, max span and min resting hours kinds import
/// into their rules, with their weights.
@Suite struct FETResourceKindsImportTests {
  static let activities = """
    <Activity>
    	<Teacher>Ann</Teacher>
    	<Subject>Maths</Subject>
    	<Students>7a</Students>
    	<Duration>1</Duration>
    	<Total_Duration>1</Total_Duration>
    	<Id>1</Id>
    	<Activity_Group_Id>0</Activity_Group_Id>
    	<Active>true</Active>
    	<Comments></Comments>
    </Activity>
    <Activity>
    	<Teacher>Bob</Teacher>
    	<Subject>Maths</Subject>
    	<Activity_Tag>Lab</Activity_Tag>
    	<Students>7a</Students>
    	<Duration>1</Duration>
    	<Total_Duration>1</Total_Duration>
    	<Id>2</Id>
    	<Activity_Group_Id>0</Activity_Group_Id>
    	<Active>true</Active>
    	<Comments></Comments>
    </Activity>
    """

  /// The rules and weights the constraints (FET XML) import into, and the report.
  func imported(_ constraints: String) throws -> ([TimetableConstraint], FETImportReport) {
    let text = FETFixtures.smallFile(activities: Self.activities, timeConstraints: constraints)
      .replacingOccurrences(
        of: "<Activity_Tags_List>\n</Activity_Tags_List>",
        with: "<Activity_Tags_List>\n<Activity_Tag><Name>Lab</Name></Activity_Tag>\n</Activity_Tags_List>")
    let (organisation, report) = try FETImport.organisation(
      from: FETReader.parse(data: Data(text.utf8), source: "test.fet"))
    return (organisation.constraints ?? [], report)
  }

  func element(_ kind: String, _ weight: String, _ fields: [(String, String)]) -> String {
    "<\(kind)>\n\t<Weight_Percentage>\(weight)</Weight_Percentage>\n"
      + fields.map { "\t<\($0.0)>\($0.1)</\($0.0)>\n" }.joined() + "\t<Active>true</Active>\n</\(kind)>\n"
  }

  @Test func intervalMaxDaysImportWithTheEndOfDayForAnEmptyEnd() throws {
    let xml =
      element(
        "ConstraintTeacherIntervalMaxDaysPerWeek", "100",
        [("Teacher_Name", "Ann"), ("Interval_Start_Hour", "2"), ("Interval_End_Hour", ""), ("Max_Days_Per_Week", "1")])
      + element(
        "ConstraintTeachersIntervalMaxDaysPerWeek", "95",
        [("Interval_Start_Hour", "1"), ("Interval_End_Hour", "2"), ("Max_Days_Per_Week", "2")])
      + element(
        "ConstraintStudentsSetIntervalMaxDaysPerWeek", "100",
        [("Students", "7a"), ("Interval_Start_Hour", "1"), ("Interval_End_Hour", "2"), ("Max_Days_Per_Week", "1")])
      + element(
        "ConstraintStudentsIntervalMaxDaysPerWeek", "90",
        [("Interval_Start_Hour", "2"), ("Interval_End_Hour", ""), ("Max_Days_Per_Week", "0")])
    let (constraints, report) = try imported(xml)
    #expect(report.unsupported.isEmpty)
    #expect(
      constraints == [
        TimetableConstraint(
          .teachersIntervalMaxDaysPerWeek(teacher: "Ann", startPeriod: 2, endPeriod: 3, max: 1), weight: .hard),
        TimetableConstraint(
          .teachersIntervalMaxDaysPerWeek(teacher: nil, startPeriod: 1, endPeriod: 2, max: 2), weight: .soft(19)),
        TimetableConstraint(
          .studentsIntervalMaxDaysPerWeek(students: "7a", startPeriod: 1, endPeriod: 2, max: 1), weight: .hard),
        TimetableConstraint(
          .studentsIntervalMaxDaysPerWeek(students: nil, startPeriod: 2, endPeriod: 3, max: 0), weight: .soft(9)),
      ])
  }

  @Test func activityTagMaxHoursImportWithTheTaggedActivities() throws {
    let xml =
      element(
        "ConstraintTeacherActivityTagMaxHoursDaily", "100",
        [("Teacher_Name", "Bob"), ("Activity_Tag_Name", "Lab"), ("Maximum_Hours_Daily", "1")])
      + element(
        "ConstraintTeachersActivityTagMaxHoursDaily", "99",
        [("Activity_Tag_Name", "Lab"), ("Maximum_Hours_Daily", "2")])
      + element(
        "ConstraintStudentsSetActivityTagMaxHoursDaily", "100",
        [("Maximum_Hours_Daily", "1"), ("Students", "7a"), ("Activity_Tag", "Lab")])
      + element(
        "ConstraintStudentsActivityTagMaxHoursDaily", "100", [("Activity_Tag", "Lab"), ("Maximum_Hours_Daily", "1")])
      + element(
        "ConstraintTeachersActivityTagMaxHoursContinuously", "99.5",
        [("Activity_Tag_Name", "Lab"), ("Maximum_Hours_Continuously", "2")])
      + element(
        "ConstraintTeacherActivityTagMaxHoursContinuously", "100",
        [("Teacher_Name", "Bob"), ("Activity_Tag_Name", "Lab"), ("Maximum_Hours_Continuously", "1")])
      + element(
        "ConstraintStudentsActivityTagMaxHoursContinuously", "100",
        [("Activity_Tag", "Lab"), ("Maximum_Hours_Continuously", "1")])
      + element(
        "ConstraintStudentsSetActivityTagMaxHoursContinuously", "50",
        [("Students", "7"), ("Activity_Tag", "Lab"), ("Maximum_Hours_Continuously", "1")])
    let (constraints, report) = try imported(xml)
    #expect(report.unsupported.isEmpty)
    #expect(
      constraints.map(\.rule) == [
        .teachersTagMaxHoursDaily(teacher: "Bob", tag: "Lab", lessons: ["2"], max: 1),
        .teachersTagMaxHoursDaily(teacher: nil, tag: "Lab", lessons: ["2"], max: 2),
        .studentsTagMaxHoursDaily(students: "7a", tag: "Lab", lessons: ["2"], max: 1),
        .studentsTagMaxHoursDaily(students: nil, tag: "Lab", lessons: ["2"], max: 1),
        .teachersTagMaxHoursContinuously(teacher: nil, tag: "Lab", lessons: ["2"], max: 2),
        .teachersTagMaxHoursContinuously(teacher: "Bob", tag: "Lab", lessons: ["2"], max: 1),
        .studentsTagMaxHoursContinuously(students: nil, tag: "Lab", lessons: ["2"], max: 1),
        .studentsTagMaxHoursContinuously(students: "7", tag: "Lab", lessons: ["2"], max: 1),
      ])
    #expect(constraints.map(\.weight) == [.hard, .soft(99), .hard, .hard, .soft(199), .hard, .hard, .soft(1)])
  }

  @Test func maxSpanAndRestingHoursImportWithTheirFlags() throws {
    let xml =
      element(
        "ConstraintTeacherMaxSpanPerDay", "100",
        [("Teacher_Name", "Ann"), ("Max_Span", "2"), ("Allow_One_Day_Exception_of_Plus_One", "true")])
      + element("ConstraintTeachersMaxSpanPerDay", "100", [("Max_Span", "1")])
      + element("ConstraintStudentsMaxSpanPerDay", "100", [("Max_Span", "2")])
      + element("ConstraintStudentsSetMaxSpanPerDay", "100", [("Students", "7a"), ("Max_Span", "1")])
      + element(
        "ConstraintTeacherMinRestingHours", "100",
        [("Teacher_Name", "Bob"), ("Minimum_Resting_Hours", "2"), ("Circular", "false")])
      + element("ConstraintTeachersMinRestingHours", "100", [("Minimum_Resting_Hours", "1"), ("Circular", "true")])
      + element("ConstraintStudentsMinRestingHours", "95", [("Minimum_Resting_Hours", "3"), ("Circular", "true")])
      + element(
        "ConstraintStudentsSetMinRestingHours", "100",
        [("Minimum_Resting_Hours", "2"), ("Students", "7a"), ("Circular", "false")])
    let (constraints, report) = try imported(xml)
    #expect(report.unsupported.isEmpty)
    #expect(
      constraints.map(\.rule) == [
        .teachersMaxSpanPerDay(teacher: "Ann", max: 2, oneDayPlusOne: true),
        .teachersMaxSpanPerDay(teacher: nil, max: 1, oneDayPlusOne: false),
        .studentsMaxSpanPerDay(students: nil, max: 2, oneDayPlusOne: false),
        .studentsMaxSpanPerDay(students: "7a", max: 1, oneDayPlusOne: false),
        .teachersMinRestingHours(teacher: "Bob", min: 2, circular: false),
        .teachersMinRestingHours(teacher: nil, min: 1, circular: true),
        .studentsMinRestingHours(students: nil, min: 3, circular: true),
        .studentsMinRestingHours(students: "7a", min: 2, circular: false),
      ])
    #expect(constraints.map(\.weight) == [.hard, .hard, .hard, .hard, .hard, .hard, .soft(19), .hard])
  }

  @Test func studentsMaxDaysPerWeekImports() throws {
    let xml =
      element("ConstraintStudentsSetMaxDaysPerWeek", "100", [("Students", "7a"), ("Max_Days_Per_Week", "1")])
      + element("ConstraintStudentsMaxDaysPerWeek", "95", [("Max_Days_Per_Week", "2")])
    let (constraints, report) = try imported(xml)
    #expect(report.unsupported.isEmpty)
    #expect(
      constraints == [
        TimetableConstraint(.studentsMaxDaysPerWeek(students: "7a", max: 1), weight: .hard),
        TimetableConstraint(.studentsMaxDaysPerWeek(students: nil, max: 2), weight: .soft(19)),
      ])
  }

  @Test func buildingChangesImport() throws {
    let xml =
      element(
        "ConstraintTeacherMaxBuildingChangesPerDay", "100", [("Teacher", "Ann"), ("Max_Building_Changes_Per_Day", "0")])
      + element("ConstraintTeachersMaxBuildingChangesPerDay", "100", [("Max_Building_Changes_Per_Day", "1")])
      + element(
        "ConstraintTeacherMaxBuildingChangesPerWeek", "100",
        [("Teacher", "Bob"), ("Max_Building_Changes_Per_Week", "1")])
      + element("ConstraintTeachersMaxBuildingChangesPerWeek", "95", [("Max_Building_Changes_Per_Week", "2")])
      + element(
        "ConstraintTeacherMinGapsBetweenBuildingChanges", "100",
        [("Teacher", "Ann"), ("Min_Gaps_Between_Building_Changes", "1")])
      + element("ConstraintTeachersMinGapsBetweenBuildingChanges", "100", [("Min_Gaps_Between_Building_Changes", "2")])
      + element(
        "ConstraintStudentsSetMaxBuildingChangesPerDay", "100",
        [("Students", "7a"), ("Max_Building_Changes_Per_Day", "1")])
      + element("ConstraintStudentsMaxBuildingChangesPerDay", "100", [("Max_Building_Changes_Per_Day", "1")])
      + element(
        "ConstraintStudentsSetMaxBuildingChangesPerWeek", "100",
        [("Students", "7"), ("Max_Building_Changes_Per_Week", "3")])
      + element("ConstraintStudentsMaxBuildingChangesPerWeek", "100", [("Max_Building_Changes_Per_Week", "3")])
      + element(
        "ConstraintStudentsSetMinGapsBetweenBuildingChanges", "100",
        [("Students", "7a"), ("Min_Gaps_Between_Building_Changes", "1")])
      + element("ConstraintStudentsMinGapsBetweenBuildingChanges", "90", [("Min_Gaps_Between_Building_Changes", "1")])
    let (constraints, report) = try imported(xml)
    #expect(report.unsupported.isEmpty)
    #expect(
      constraints.map(\.rule) == [
        .teachersMaxBuildingChangesPerDay(teacher: "Ann", max: 0),
        .teachersMaxBuildingChangesPerDay(teacher: nil, max: 1),
        .teachersMaxBuildingChangesPerWeek(teacher: "Bob", max: 1),
        .teachersMaxBuildingChangesPerWeek(teacher: nil, max: 2),
        .teachersMinGapsBetweenBuildingChanges(teacher: "Ann", min: 1),
        .teachersMinGapsBetweenBuildingChanges(teacher: nil, min: 2),
        .studentsMaxBuildingChangesPerDay(students: "7a", max: 1),
        .studentsMaxBuildingChangesPerDay(students: nil, max: 1),
        .studentsMaxBuildingChangesPerWeek(students: "7", max: 3),
        .studentsMaxBuildingChangesPerWeek(students: nil, max: 3),
        .studentsMinGapsBetweenBuildingChanges(students: "7a", min: 1),
        .studentsMinGapsBetweenBuildingChanges(students: nil, min: 1),
      ])
    #expect(constraints.map(\.weight).filter { $0 != .hard } == [.soft(19), .soft(9)])
  }

  @Test func minGapsBetweenAnOrderedPairOfTagsImports() throws {
    let xml =
      element(
        "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags", "100",
        [("First_Activity_Tag", "Lab"), ("Second_Activity_Tag", "Lab"), ("MinGaps", "1")])
      + element(
        "ConstraintTeacherMinGapsBetweenOrderedPairOfActivityTags", "95",
        [("Teacher", "Bob"), ("First_Activity_Tag", "Lab"), ("Second_Activity_Tag", "Lab"), ("MinGaps", "2")])
    let (constraints, report) = try imported(xml)
    #expect(report.unsupported.isEmpty)
    #expect(
      constraints == [
        TimetableConstraint(
          .studentsMinGapsBetweenTagPair(
            students: nil, firstTag: "Lab", first: ["2"], secondTag: "Lab", second: ["2"], min: 1), weight: .hard),
        TimetableConstraint(
          .teachersMinGapsBetweenTagPair(
            teacher: "Bob", firstTag: "Lab", first: ["2"], secondTag: "Lab", second: ["2"], min: 2), weight: .soft(19)),
      ])
  }

  /// The native instance states the same rules: into JSON and back.
  @Test func theRulesRoundTripThroughJSON() throws {
    let rules: [ConstraintRule] = [
      .teachersIntervalMaxDaysPerWeek(teacher: nil, startPeriod: 5, endPeriod: 7, max: 2),
      .studentsTagMaxHoursContinuously(students: "7a", tag: "Lab", lessons: ["2"], max: 1),
      .teachersMaxSpanPerDay(teacher: "Ann", max: 5, oneDayPlusOne: true),
      .studentsMinRestingHours(students: nil, min: 3, circular: true),
    ]
    let again = try JSONDecoder().decode([ConstraintRule].self, from: JSONEncoder().encode(rules))
    #expect(again == rules)
  }

  /// The official examples that use these kinds no longer report them unsupported.
  @Test(.enabled(if: FETFixtures.haveExamples))
  func officialExamplesUsingTheKindsImportThem() throws {
    let kinds = Set(FETImport.Mapper.resourceImporters.keys)
    let files = (FETFixtures.files(under: "FET-5-official") + FETFixtures.files(under: "FET-6-official")).filter {
      file in
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
      return kinds.contains { text.contains("<\($0)>") }
    }
    #expect(files.count >= 20)
    for file in files {
      let (_, report) = try FETImport.read(path: file)
      #expect(Set(report.unsupported.keys).isDisjoint(with: kinds), "\(file)")
      #expect(!Set(report.supported.keys).isDisjoint(with: kinds) || report.inactive > 0, "\(file)")
    }
  }
}
