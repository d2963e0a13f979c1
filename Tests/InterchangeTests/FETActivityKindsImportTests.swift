import Foundation
import Planner
import Testing

@testable import Interchange

/// FET's constraints over activities (sub-activities' preferred times, same starting day and hour,
/// min gaps and max days between, ordered, max simultaneous in selected slots) import into rules.
@Suite struct FETActivityKindsImportTests {
  /// The kinds this suite covers.
  static let kinds = [
    "ConstraintSubactivitiesPreferredTimeSlots", "ConstraintSubactivitiesPreferredStartingTimes",
    "ConstraintActivitiesSameStartingDay", "ConstraintActivitiesSameStartingHour",
    "ConstraintMinGapsBetweenActivities", "ConstraintMaxDaysBetweenActivities", "ConstraintTwoActivitiesOrdered",
    "ConstraintTwoActivitiesOrderedIfSameDay", "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots",
    "ConstraintActivitiesOccupyMaxDifferentRooms", "ConstraintActivitiesSameRoomIfConsecutive",
  ]

  /// The rules of the small file (activities 1 and 2 of Maths for 7a, one split activity: Ann's 1
  /// is component 1, Bob's 2 component 2; days Mon, Tue; hours 1, 2) with these time constraints.
  func rules(_ constraints: String) throws -> ([TimetableConstraint], FETImportReport) {
    let text = FETFixtures.smallFile(timeConstraints: constraints)
    let (organisation, report) = try FETImport.organisation(
      from: FETReader.parse(data: Data(text.utf8), source: "test.fet"))
    return (organisation.constraints ?? [], report)
  }

  /// One constraint element.
  func element(_ kind: String, weight: String = "100", _ body: String) -> String {
    "<\(kind)>\n<Weight_Percentage>\(weight)</Weight_Percentage>\n\(body)\n<Active>true</Active>\n<Comments></Comments>\n</\(kind)>"
  }

  let ids = "<Number_of_Activities>2</Number_of_Activities>\n<Activity_Id>1</Activity_Id>\n<Activity_Id>2</Activity_Id>"
  let filter =
    "<Teacher_Name></Teacher_Name>\n<Students_Name>7</Students_Name>\n<Subject_Name>Maths</Subject_Name>\n"
    + "<Activity_Tag_Name></Activity_Tag_Name>\n<Duration></Duration>"

  @Test func subactivitiesSelectTheComponentOfTheirNumber() throws {
    let slots = element(
      "ConstraintSubactivitiesPreferredTimeSlots",
      "<Component_Number>2</Component_Number>\n\(filter)\n<Number_of_Preferred_Time_Slots>1</Number_of_Preferred_Time_Slots>\n"
        + "<Preferred_Time_Slot><Preferred_Day>Tue</Preferred_Day><Preferred_Hour>1</Preferred_Hour></Preferred_Time_Slot>"
    )
    let starts = element(
      "ConstraintSubactivitiesPreferredStartingTimes", weight: "90",
      "<Component_Number>1</Component_Number>\n\(filter)\n"
        + "<Number_of_Preferred_Starting_Times>1</Number_of_Preferred_Starting_Times>\n<Preferred_Starting_Time>"
        + "<Preferred_Starting_Day>Mon</Preferred_Starting_Day><Preferred_Starting_Hour>2</Preferred_Starting_Hour>"
        + "</Preferred_Starting_Time>")
    let none = element(
      "ConstraintSubactivitiesPreferredTimeSlots",
      "<Component_Number>3</Component_Number>\n\(filter)\n<Number_of_Preferred_Time_Slots>0</Number_of_Preferred_Time_Slots>"
    )
    let (rules, report) = try rules(slots + "\n" + starts + "\n" + none)
    #expect(report.isComplete)
    #expect(
      rules == [
        TimetableConstraint(
          .preferredTimeSlots(lessons: ["2"], slots: [TimeSlot(day: .tue, period: 1)]), weight: .hard),
        TimetableConstraint(
          .preferredStartingTimes(lessons: ["1"], slots: [TimeSlot(day: .mon, period: 2)]), weight: .soft(9)),
        TimetableConstraint(.preferredTimeSlots(lessons: [], slots: []), weight: .hard),
      ])
  }

  @Test func activityConstraintsBecomeTheirRules() throws {
    let text = [
      element("ConstraintActivitiesSameStartingDay", weight: "95", ids),
      element("ConstraintActivitiesSameStartingHour", ids),
      element("ConstraintMinGapsBetweenActivities", weight: "99", ids + "\n<MinGaps>1</MinGaps>"),
      element("ConstraintMaxDaysBetweenActivities", weight: "50", ids + "\n<MaxDays>0</MaxDays>"),
      element(
        "ConstraintTwoActivitiesOrdered",
        "<First_Activity_Id>2</First_Activity_Id>\n<Second_Activity_Id>1</Second_Activity_Id>"),
      element(
        "ConstraintTwoActivitiesOrderedIfSameDay", weight: "90",
        "<First_Activity_Id>1</First_Activity_Id>\n<Second_Activity_Id>2</Second_Activity_Id>"),
      element(
        "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots",
        ids + "\n<Number_of_Selected_Time_Slots>2</Number_of_Selected_Time_Slots>\n"
          + "<Selected_Time_Slot><Selected_Day>Mon</Selected_Day><Selected_Hour>1</Selected_Hour></Selected_Time_Slot>\n"
          + "<Selected_Time_Slot><Selected_Day>Tue</Selected_Day><Selected_Hour>2</Selected_Hour></Selected_Time_Slot>\n"
          + "<Max_Number_of_Simultaneous_Activities>1</Max_Number_of_Simultaneous_Activities>"),
      element("ConstraintActivitiesSameStartingDay", weight: "0", ids),
    ].joined(separator: "\n")
    let (rules, report) = try rules(text)
    #expect(report.isComplete)
    #expect(report.supported["ConstraintActivitiesSameStartingDay"] == 2)
    #expect(
      rules == [
        TimetableConstraint(.sameStartingDay(lessons: ["1", "2"]), weight: .soft(19)),
        TimetableConstraint(.sameStartingPeriod(lessons: ["1", "2"]), weight: .hard),
        TimetableConstraint(.minGapsBetween(lessons: ["1", "2"], minGaps: 1), weight: .soft(99)),
        TimetableConstraint(.maxDaysBetween(lessons: ["1", "2"], maxDays: 0), weight: .soft(1)),
        TimetableConstraint(.ordered(first: "2", second: "1", ifSameDay: false), weight: .hard),
        TimetableConstraint(.ordered(first: "1", second: "2", ifSameDay: true), weight: .soft(9)),
        TimetableConstraint(
          .maxSimultaneous(
            lessons: ["1", "2"], slots: [TimeSlot(day: .mon, period: 1), TimeSlot(day: .tue, period: 2)], max: 1),
          weight: .hard),
      ])
  }

  /// FET leaves inactive activities out of a constraint, and two activities ordered out when one is.
  @Test func roomConstraintsOverSeveralActivitiesBecomeTheirRules() throws {
    let text = FETFixtures.smallFile(
      spaceLists: """
        <Space_Constraints_List>
        \(element("ConstraintBasicCompulsorySpace", ""))
        \(element("ConstraintActivitiesOccupyMaxDifferentRooms", "\(ids)\n<Max_Number_of_Different_Rooms>1</Max_Number_of_Different_Rooms>"))
        \(element("ConstraintActivitiesSameRoomIfConsecutive", weight: "95", ids))
        </Space_Constraints_List>
        """)
    let (organisation, report) = try FETImport.organisation(
      from: FETReader.parse(data: Data(text.utf8), source: "test.fet"))
    #expect(
      organisation.constraints == [
        TimetableConstraint(.occupyMaxRooms(lessons: ["1", "2"], max: 1), weight: .hard),
        TimetableConstraint(.sameRoomIfConsecutive(lessons: ["1", "2"]), weight: .soft(19)),
      ])
    #expect(report.isComplete)
  }

  @Test func inactiveActivitiesAreLeftOut() throws {
    func activity(_ id: Int, _ teacher: String, active: Bool) -> String {
      "<Activity>\n<Teacher>\(teacher)</Teacher>\n<Subject>Maths</Subject>\n<Students>7a</Students>\n"
        + "<Duration>1</Duration>\n<Total_Duration>1</Total_Duration>\n<Id>\(id)</Id>\n"
        + "<Activity_Group_Id>0</Activity_Group_Id>\n<Active>\(active)</Active>\n<Comments></Comments>\n</Activity>"
    }
    let constraints = [
      element(
        "ConstraintActivitiesSameStartingDay",
        "<Number_of_Activities>3</Number_of_Activities>\n<Activity_Id>1</Activity_Id>\n<Activity_Id>3</Activity_Id>\n"
          + "<Activity_Id>2</Activity_Id>"),
      element(
        "ConstraintTwoActivitiesOrdered",
        "<First_Activity_Id>3</First_Activity_Id>\n<Second_Activity_Id>1</Second_Activity_Id>"),
    ].joined(separator: "\n")
    let text = FETFixtures.smallFile(
      activities: [
        activity(1, "Ann", active: true), activity(2, "Bob", active: true), activity(3, "Ann", active: false),
      ]
      .joined(separator: "\n"), timeConstraints: constraints)
    let (organisation, report) = try FETImport.organisation(
      from: FETReader.parse(data: Data(text.utf8), source: "test.fet"))
    #expect(report.isComplete)
    #expect(report.supported["ConstraintTwoActivitiesOrdered"] == 1)
    #expect(organisation.constraints == [TimetableConstraint(.sameStartingDay(lessons: ["1", "2"]), weight: .hard)])
  }

  @Test func theKindsAreSupported() {
    #expect(Set(Self.kinds).isSubset(of: FETImport.supportedKinds))
  }

  /// Every official example that uses these kinds imports them all.
  @Test(.enabled(if: FETFixtures.haveExamples))
  func theOfficialExamplesUsingTheKindsImportThem() throws {
    let files = FETFixtures.files(under: "FET-5-official") + FETFixtures.files(under: "FET-6-official")
    var using = 0
    for file in files {
      let text = try String(contentsOfFile: file, encoding: .utf8)
      let used = Self.kinds.filter { text.contains("<\($0)>") }
      guard !used.isEmpty else { continue }
      using += 1
      let (_, report) = try FETImport.read(path: file)
      for kind in used { #expect(report.unsupported[kind] == nil, "\(file): \(kind)") }
    }
    #expect(using >= 20)
  }
}
