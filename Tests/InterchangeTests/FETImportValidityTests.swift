import Foundation
import Planner
import Testing

@testable import Interchange

/// What made official FET examples import into instances that did not validate: each is now
/// imported the way FET reads it, and the instance validates.
@Suite struct FETImportValidityTests {
  func importing(_ text: String) throws -> (Organisation, FETImportReport) {
    try FETImport.organisation(from: FETReader.parse(data: Data(text.utf8), source: "test.fet"))
  }

  func errors(_ organisation: Organisation) -> [String] {
    OrganisationValidator.validate(organisation).filter(\.isError).map { "\($0.path): \($0.message)" }
  }

  /// The small file with activity 2 inactive and a third, active activity.
  func fileWithAnInactiveActivity(timeConstraints: String) -> String {
    FETFixtures.smallFile(
      activities: """
        <Activity><Teacher>Ann</Teacher><Subject>Maths</Subject><Students>7a</Students><Duration>1</Duration>
        <Total_Duration>1</Total_Duration><Id>1</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
        <Activity><Teacher>Bob</Teacher><Subject>Maths</Subject><Students>7a</Students><Duration>1</Duration>
        <Total_Duration>1</Total_Duration><Id>2</Id><Activity_Group_Id>0</Activity_Group_Id><Active>false</Active></Activity>
        <Activity><Teacher>Bob</Teacher><Subject>Maths</Subject><Students>7a</Students><Duration>1</Duration>
        <Total_Duration>1</Total_Duration><Id>3</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
        """,
      timeConstraints: timeConstraints)
  }

  @Test func constraintsNamingInactiveActivitiesKeepOnlyTheActiveOnes() throws {
    let text = fileWithAnInactiveActivity(
      timeConstraints: """
        <ConstraintMinDaysBetweenActivities>
        	<Weight_Percentage>100</Weight_Percentage><Consecutive_If_Same_Day>false</Consecutive_If_Same_Day>
        	<Number_of_Activities>3</Number_of_Activities>
        	<Activity_Id>1</Activity_Id><Activity_Id>2</Activity_Id><Activity_Id>3</Activity_Id>
        	<MinDays>1</MinDays><Active>true</Active>
        </ConstraintMinDaysBetweenActivities>
        <ConstraintTwoActivitiesConsecutive>
        	<Weight_Percentage>100</Weight_Percentage>
        	<First_Activity_Id>1</First_Activity_Id><Second_Activity_Id>2</Second_Activity_Id><Active>true</Active>
        </ConstraintTwoActivitiesConsecutive>
        <ConstraintActivityPreferredStartingTime>
        	<Weight_Percentage>100</Weight_Percentage><Activity_Id>2</Activity_Id>
        	<Preferred_Day>Mon</Preferred_Day><Preferred_Hour>1</Preferred_Hour>
        	<Permanently_Locked>true</Permanently_Locked><Active>true</Active>
        </ConstraintActivityPreferredStartingTime>
        """)
    let (organisation, report) = try importing(text)
    let rules = (organisation.constraints ?? []).map(\.rule)
    #expect(rules.contains(.minDaysBetween(lessons: ["1", "3"], minDays: 1, consecutiveIfSameDay: false)))
    // A pair with an inactive activity is left out, as FET leaves it out; the lock on the
    // inactive activity locks nothing.
    #expect(!rules.contains { if case .consecutive = $0 { true } else { false } })
    #expect(rules.contains(.preferredStartingTimes(lessons: [], slots: [TimeSlot(day: .mon, period: 1)])))
    #expect(report.notes.contains { $0.contains("1 constraints on pairs or triples") })
    #expect(errors(organisation).isEmpty, "\(errors(organisation))")
  }

  /// The small file with these real rooms, a virtual room of these sets, and one space
  /// constraint beside the basic compulsory one.
  static func withVirtualRoom(_ name: String, sets: [[String]], realRooms: [String], constraint: String) -> String {
    let room = { (name: String) in
      "<Room><Name>\(name)</Name><Building></Building><Capacity>30</Capacity><Virtual>false</Virtual></Room>"
    }
    let set = { (rooms: [String]) in
      "<Set_of_Real_Rooms><Number_of_Real_Rooms>\(rooms.count)</Number_of_Real_Rooms>"
        + rooms.map { "<Real_Room>\($0)</Real_Room>" }.joined() + "</Set_of_Real_Rooms>"
    }
    let text = FETFixtures.smallFile(
      spaceLists: """
        <Space_Constraints_List>
        <ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active>
        </ConstraintBasicCompulsorySpace>
        \(constraint)
        </Space_Constraints_List>
        """)
    return text.replacingOccurrences(
      of: "<Rooms_List>",
      with: """
        <Rooms_List>
        \(realRooms.map(room).joined(separator: "\n"))
        <Room><Name>\(name)</Name><Building></Building><Capacity>30000</Capacity><Virtual>true</Virtual>
        <Number_of_Sets_of_Real_Rooms>\(sets.count)</Number_of_Sets_of_Real_Rooms>
        \(sets.map(set).joined())</Room>
        """)
  }

  @Test func aSoftWishForAVirtualRoomWishesForItsRealRooms() throws {
    let text = Self.withVirtualRoom(
      "Labs", sets: [["A2", "A1"]], realRooms: ["A1", "A2"],
      constraint: """
        <ConstraintSubjectPreferredRoom>
        	<Weight_Percentage>95</Weight_Percentage><Subject>Maths</Subject><Room>Labs</Room><Active>true</Active>
        </ConstraintSubjectPreferredRoom>
        """)
    let (organisation, _) = try importing(text)
    // The hard requirement keeps FET's order of the real rooms.
    #expect(organisation.activities?.first?.rooms == [["A2", "A1"]])
    #expect(
      organisation.constraints?.contains(
        TimetableConstraint(.preferredRooms(lessons: ["1"], rooms: ["A1", "A2"]), weight: .soft(19))) == true)
    #expect(errors(organisation).isEmpty, "\(errors(organisation))")
  }

  @Test func aLockedVirtualRoomKeepsTheRealRoomsItsConstraintNames() throws {
    let text = Self.withVirtualRoom(
      "Pair", sets: [["A1", "A2"], ["B1", "B2"]], realRooms: ["A1", "A2", "B1", "B2"],
      constraint: """
        <ConstraintActivityPreferredRoom>
        	<Weight_Percentage>100</Weight_Percentage><Activity_Id>1</Activity_Id><Room>Pair</Room>
        	<Number_of_Real_Rooms>2</Number_of_Real_Rooms><Real_Room>B1</Real_Room><Real_Room>A2</Real_Room>
        	<Permanently_Locked>true</Permanently_Locked><Active>true</Active>
        </ConstraintActivityPreferredRoom>
        """)
    let (organisation, _) = try importing(text)
    // One real room a set, as the constraint names them (FET's locked files); the other
    // activity keeps no room requirement.
    #expect(organisation.activities?.first?.rooms == [["A2"], ["B1"]])
    #expect(errors(organisation).isEmpty, "\(errors(organisation))")
  }

  @Test func aSubjectNamedOnlyByBlanksGetsANameOfItsOwn() throws {
    var text = FETFixtures.smallFile()
    text = text.replacingOccurrences(
      of: "<Subject><Name>Maths</Name></Subject>",
      with: "<Subject><Name>Maths</Name></Subject>\n<Subject><Name>   </Name></Subject>")
    text = text.replacingOccurrences(
      of: "<Teacher>Bob</Teacher>\n\t<Subject>Maths</Subject>", with: "<Teacher>Bob</Teacher>\n\t<Subject>   </Subject>"
    )
    let (organisation, _) = try importing(text)
    #expect(organisation.subjects.map(\.id) == ["Maths", "(subject without a name)"])
    #expect(organisation.activities?.map(\.subject) == ["Maths", "(subject without a name)"])
    #expect(errors(organisation).isEmpty, "\(errors(organisation))")
  }

  @Test func aUniversityDayOf22HoursImportsAndMoreThan24IsRefused() throws {
    func file(hours: Int) -> String {
      let list = (1...hours).map { "<Hour><Name>h\($0)</Name></Hour>" }.joined(separator: "\n")
      return FETFixtures.smallFile().replacingOccurrences(
        of: "<Number_of_Hours>2</Number_of_Hours>\n<Hour><Name>1</Name></Hour>\n<Hour><Name>2</Name></Hour>",
        with: "<Number_of_Hours>\(hours)</Number_of_Hours>\n\(list)")
    }
    let (organisation, _) = try importing(file(hours: 22))
    #expect(organisation.shifts.first?.lessonsPerDay == 22)
    #expect(errors(organisation).isEmpty, "\(errors(organisation))")
    let refusal = #expect(throws: FETImportError.self) { try importing(file(hours: 25)) }
    #expect(refusal.map { "\($0)" }?.contains("expected 1 to 24 hours a day, found 25") == true)
  }
}
