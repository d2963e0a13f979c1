import Foundation
import TestSupport
import Testing

@testable import Interchange

/// FET's example files (Debian's fet-data) and fet-cl, when installed.
enum FETFixtures {
  static let examples = "/usr/share/doc/fet-data/examples"
  static let fetCL = "/usr/bin/fet-cl"
  static var haveExamples: Bool { FileManager.default.fileExists(atPath: examples + "/FET-5-official") }
  static var haveFetCL: Bool { haveExamples && FileManager.default.isExecutableFile(atPath: fetCL) }

  static func path(_ relative: String) -> String { examples + "/" + relative }

  /// Every `.fet` file under a folder of the examples, sorted.
  static func files(under folder: String) -> [String] {
    let root = path(folder)
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.hasSuffix(".fet") { files.append(root + "/" + relative) }
    }
    return files.sorted()
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fet-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Removes a temporary directory (or the one holding a temporary file).
  static func remove(_ url: URL) {
    let directory = url.hasDirectoryPath || url.pathExtension.isEmpty ? url : url.deletingLastPathComponent()
    if directory.lastPathComponent.hasPrefix("fet-tests-") { try? FileManager.default.removeItem(at: directory) }
  }

  /// Writes text to a temporary `.fet` file and returns its path.
  static func write(_ text: String, name: String = "test.fet") throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Runs fet-cl on a file; returns the output directory and the last line of its standard
  /// output. fet-cl stops itself after `seconds`; it is killed (and the test fails) only far
  /// beyond that (see `ChildProcess`).
  static func runFetCL(_ input: String, seconds: Int = 20) throws -> (outputDirectory: URL, lastLine: String) {
    let output = try temporaryDirectory()
    let run = try ChildProcess.run(
      fetCL,
      [
        "--inputfile=\(input)", "--outputdir=\(output.path)", "--htmllevel=0", "--timelimitseconds=\(seconds)",
        "--randomseeds10=1", "--randomseeds11=2", "--randomseeds12=3", "--randomseeds20=4", "--randomseeds21=5",
        "--randomseeds22=6",
      ],
      timeout: Double(seconds) + 300)
    let lines = String(decoding: run.output, as: UTF8.self).split(whereSeparator: \.isNewline)
    return (output, lines.last.map(String.init) ?? "")
  }

  /// The `_activities.xml` fet-cl wrote for an input file.
  static func activitiesFile(in output: URL, for input: String) -> String {
    let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
    return output.appendingPathComponent("timetables/\(name)/\(name)_activities.xml").path
  }

  /// A small FET file made by hand, with pieces replaceable for malformed variants.
  static func smallFile(
    teachers: String = "<Teacher><Name>Ann</Name></Teacher>\n<Teacher><Name>Bob</Name></Teacher>",
    activities: String = """
    <Activity>
    	<Teacher>Ann</Teacher>
    	<Subject>Maths</Subject>
    	<Students>7a</Students>
    	<Duration>1</Duration>
    	<Total_Duration>2</Total_Duration>
    	<Id>1</Id>
    	<Activity_Group_Id>1</Activity_Group_Id>
    	<Active>true</Active>
    	<Comments></Comments>
    </Activity>
    <Activity>
    	<Teacher>Bob</Teacher>
    	<Subject>Maths</Subject>
    	<Students>7a</Students>
    	<Duration>1</Duration>
    	<Total_Duration>2</Total_Duration>
    	<Id>2</Id>
    	<Activity_Group_Id>1</Activity_Group_Id>
    	<Active>true</Active>
    	<Comments></Comments>
    </Activity>
    """,
    timeConstraints: String = """
    <ConstraintBasicCompulsoryTime>
    	<Weight_Percentage>100</Weight_Percentage>
    	<Active>true</Active>
    	<Comments></Comments>
    </ConstraintBasicCompulsoryTime>
    """,
    spaceLists: String = """
    <Space_Constraints_List>
    <ConstraintBasicCompulsorySpace>
    	<Weight_Percentage>100</Weight_Percentage>
    	<Active>true</Active>
    	<Comments></Comments>
    </ConstraintBasicCompulsorySpace>
    </Space_Constraints_List>
    """,
    numberOfDays: Int = 2,
    students: String = """
    <Year>
    	<Name>7</Name>
    	<Number_of_Students>20</Number_of_Students>
    	<Group>
    		<Name>7a</Name>
    		<Number_of_Students>20</Number_of_Students>
    	</Group>
    </Year>
    """
  ) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>

    <fet version="6.8.5">

    <Mode>Official</Mode>
    <Institution_Name>Test &amp; school</Institution_Name>
    <Comments></Comments>

    <Days_List>
    <Number_of_Days>\(numberOfDays)</Number_of_Days>
    <Day><Name>Mon</Name></Day>
    <Day><Name>Tue</Name></Day>
    </Days_List>

    <Hours_List>
    <Number_of_Hours>2</Number_of_Hours>
    <Hour><Name>1</Name></Hour>
    <Hour><Name>2</Name></Hour>
    </Hours_List>

    <Subjects_List>
    <Subject><Name>Maths</Name></Subject>
    </Subjects_List>

    <Activity_Tags_List>
    </Activity_Tags_List>

    <Teachers_List>
    \(teachers)
    </Teachers_List>

    <Students_List>
    \(students)
    </Students_List>

    <Activities_List>
    \(activities)
    </Activities_List>

    <Buildings_List>
    </Buildings_List>

    <Rooms_List>
    <Room>
    	<Name>A&amp;B</Name>
    	<Building></Building>
    	<Capacity>30</Capacity>
    	<Virtual>false</Virtual>
    	<Comments></Comments>
    </Room>
    </Rooms_List>

    <Time_Constraints_List>
    \(timeConstraints)
    </Time_Constraints_List>

    \(spaceLists)

    </fet>

    """
  }

  /// The 1-based line of the first occurrence of `marker` in `text` (counted independently of the
  /// reader, to check the lines it reports).
  static func line(of marker: String, in text: String) -> Int {
    guard let range = text.range(of: marker) else { return 0 }
    return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
  }

  /// The error message from reading a text, or nil when it reads.
  static func error(reading text: String, name: String = "test.fet") throws -> String? {
    let path = try write(text, name: name)
    defer { remove(URL(fileURLWithPath: path)) }
    do {
      _ = try FETReader.read(path: path)
      return nil
    } catch let error as FETFormatError {
      return error.description.replacingOccurrences(of: path, with: name)
    }
  }
}

@Suite struct FETReaderTests {
  // MARK: The example files

  @Test(.enabled(if: FETFixtures.haveExamples))
  func everyOfficialExampleFileReads() throws {
    let files = FETFixtures.files(under: "FET-5-official") + FETFixtures.files(under: "FET-6-official")
    #expect(files.count >= 130)
    var failures: [String] = []
    var activities = 0
    var constraints = 0
    for file in files {
      do {
        let document = try FETReader.read(path: file)
        activities += document.activities.count
        constraints += document.constraints.count
        #expect(!document.days.isEmpty && !document.hours.isEmpty, "\(file)")
        #expect(document.timeConstraints.contains { $0.kind == "ConstraintBasicCompulsoryTime" }, "\(file)")
      } catch {
        failures.append("\(error)")
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    #expect(activities > 50_000)
    #expect(constraints > 50_000)
  }

  @Test(.enabled(if: FETFixtures.haveExamples))
  func theOtherModesExampleFilesRead() throws {
    let folders = [
      "FET-5-mornings-afternoons", "FET-5-terms", "FET-5-block-planning", "FET-6-mornings-afternoons", "FET-6-terms",
      "FET-6-block-planning",
    ]
    var failures: [String] = []
    var modes: [FETMode: Int] = [:]
    for folder in folders {
      for file in FETFixtures.files(under: folder) {
        do {
          modes[try FETReader.read(path: file).mode, default: 0] += 1
        } catch {
          failures.append("\(error)")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    #expect(modes[.morningsAfternoons] == 21)
    #expect(modes[.terms] == 3)
    #expect(modes[.blockPlanning] == 2)
  }

  @Test(.enabled(if: FETFixtures.haveExamples))
  func smallDanishSchoolIsReadExactly() throws {
    let document = try FETReader.read(path: FETFixtures.path("FET-5-official/Denmark/small-school.fet"))
    #expect(document.version == "5.41.0")
    #expect(document.mode == .official)
    #expect(document.institutionName == "Default institution")
    #expect(document.days == ["Daily"])
    #expect(document.hours == ["13.30 - 14.30", "14.40 - 15.40", "15.50 - 16.50", "17.00 - 18.00"])
    #expect(document.teachers.count == 9)
    #expect(
      document.teachers.first == FETTeacher(name: "Glenda", targetNumberOfHours: 0, qualifiedSubjects: [], line: 107))
    #expect(document.subjects.count == 17)
    #expect(document.subjects.map(\.name).contains("Vokal een"))
    #expect(document.activityTags.isEmpty)
    #expect(document.years.count == 74)
    #expect(document.years.allSatisfy { $0.groups.isEmpty && $0.numberOfStudents == 1 })
    #expect(document.activities.count == 25)
    #expect(document.buildings.isEmpty && document.rooms.isEmpty)

    let first = try #require(document.activities.first)
    #expect(first.id == 1)
    #expect(first.teachers == ["Glenda"])
    #expect(first.subject == "Air")
    #expect(first.students == ["Agathe", "Lothen", "Una", "Siv", "Riki", "Agnes"])
    #expect(first.duration == 1 && first.totalDuration == 1 && first.activityGroupID == 0 && first.active)
    #expect(first.numberOfStudents == nil)

    #expect(
      document.timeConstraints.map(\.kind) == ["ConstraintBasicCompulsoryTime"]
        + Array(repeating: "ConstraintActivityPreferredStartingTimes", count: 4))
    #expect(document.spaceConstraints.map(\.kind) == ["ConstraintBasicCompulsorySpace"])
    let preferred = document.timeConstraints[1]
    #expect(preferred.weight == 0)
    #expect(preferred.active)
    #expect(preferred.index == 1 && preferred.list == .time)
    #expect(try preferred.int("Activity_Id") == 18)
    #expect(try preferred.int("Number_of_Preferred_Starting_Times") == 1)
    let slots = preferred.timeSlots(dayField: "Preferred_Starting_Day", hourField: "Preferred_Starting_Hour")
    #expect(slots.map(\.day) == ["Daily"] && slots.map(\.hour) == ["13.30 - 14.30"])
    #expect(preferred.fields.first { $0.name == "Preferred_Starting_Day" }?.block == "Preferred_Starting_Time")
    #expect(document.referenceProblems().isEmpty)
  }

  @Test(.enabled(if: FETFixtures.haveExamples))
  func largerExampleFilesHaveTheirCounts() throws {
    let brazil = try FETReader.read(path: FETFixtures.path("FET-5-official/Brazil/1/Brazil.fet"))
    #expect(brazil.days.count == 5 && brazil.hours.count == 5)
    #expect(brazil.activities.count == 400)
    #expect(brazil.teachers.count == 27)
    #expect(brazil.timeConstraints.count == 198)
    #expect(brazil.spaceConstraints.count == 1)

    let gyr = try FETReader.read(path: FETFixtures.path("FET-5-official/Germany/secondary-school-2/GYR.fet"))
    #expect(gyr.days.count == 5 && gyr.hours.count == 12)
    #expect(gyr.activities.count == 1477)
    #expect(gyr.years.count == 31)
    #expect(gyr.years.flatMap(\.groups).count == 354)
    #expect(gyr.years.flatMap(\.groups).flatMap(\.subgroups).count == 4876)
    #expect(gyr.activities.filter { $0.teachers.isEmpty }.count == 123)
    #expect(gyr.activities.map(\.duration).max() == 11)

    let russian = try FETReader.read(
      path: FETFixtures.path("FET-5-official/Russia/Russian-Medical-College/timetable-ru.fet"))
    #expect(russian.days.count == 12 && russian.hours.count == 6)
    #expect(russian.activities.count == 562)
    #expect(russian.spaceConstraints.filter { $0.kind == "ConstraintActivityPreferredRooms" }.count == 483)
    #expect(russian.timeConstraints.filter { $0.kind == "ConstraintMinDaysBetweenActivities" }.count == 243)

    // FET 6: Mode, target hours, ten days.
    let robertson = try FETReader.read(
      path: FETFixtures.path("FET-6-official/South-Africa/Western-Cape/Robertson/MHS_July2.fet"))
    #expect(robertson.version == "6.0.4")
    #expect(robertson.mode == .official)
    #expect(robertson.institutionName == "Masakheke High School")
    #expect(robertson.days.count == 10)

    // Virtual rooms.
    let virtual = try FETReader.read(
      path: FETFixtures.path(
        "FET-5-official/Germany/secondary-school-1/test-virtual-rooms-2/German-test-virtual-rooms-2.fet"))
    let virtualRooms = virtual.rooms.filter(\.isVirtual)
    #expect(!virtualRooms.isEmpty)
    let firstVirtual = try #require(virtualRooms.first)
    #expect(firstVirtual.realRoomSets.count == 2)
    #expect(firstVirtual.realRoomSets[0] == ["H1", "H2", "H3"])
    #expect(virtual.rooms.filter { !$0.isVirtual }.allSatisfy { $0.realRoomSets.isEmpty })

    // Names are kept exactly, trailing spaces included (FET compares them exactly).
    let econ = try FETReader.read(
      path: FETFixtures.path("FET-5-official/Romania/Faculty-Econ-Timisoara-difficult/2009-2010-sem-1/Econ-v0.8.fet"))
    #expect(econ.teachers.contains { $0.name == "Hauer I " })
    #expect(econ.activities.contains { $0.teachers.contains("Hauer I ") })

    // An activity tag named " " and a subject with "&amp;".
    let covid = try FETReader.read(
      path: FETFixtures.path("FET-5-official/South-Africa/Western-Cape/Robertson/MHS_Covid_Final.fet"))
    #expect(covid.activityTags.contains { $0.name == " " })
    #expect(covid.activities.contains { $0.subject == "Screening & Admin" && $0.activityTags == [" "] })
  }

  @Test(.enabled(if: FETFixtures.haveExamples))
  func notAvailableTimesGiveTheirSlots() throws {
    let document = try FETReader.read(path: FETFixtures.path("FET-5-official/Brazil/1/Brazil.fet"))
    let constraint = try #require(document.timeConstraints.first { $0.kind == "ConstraintTeacherNotAvailableTimes" })
    let count = try #require(try constraint.int("Number_of_Not_Available_Times"))
    let slots = constraint.timeSlots(dayField: "Day", hourField: "Hour")
    #expect(slots.count == count)
    #expect(slots.allSatisfy { document.days.contains($0.day) && document.hours.contains($0.hour) })
    #expect(constraint.string("Teacher") != nil)
    #expect(constraint.strings("Not_Available_Time").isEmpty)  // blocks are flattened
  }

  // MARK: Malformed files

  @Test func brokenXMLNamesTheLine() throws {
    let text = FETFixtures.smallFile(teachers: "<Teacher><Name>Ann</Name></Teachr>")
    let line = FETFixtures.line(of: "</Teachr>", in: text)
    #expect(line == 29)
    let message = try #require(try FETFixtures.error(reading: text))
    #expect(
      message
        == "test.fet:\(line): the XML is broken: an end tag does not match its start tag <Teacher> (opened on line \(line))"
    )
  }

  @Test func aFileCutShortIsBroken() throws {
    let text = FETFixtures.smallFile().components(separatedBy: "</fet>")[0]
    let message = try #require(try FETFixtures.error(reading: text))
    #expect(message.hasPrefix("test.fet:"))
    #expect(message.hasSuffix("the XML is broken: the file ends before <fet> (opened on line 3) is closed"))
    // Cut inside a tag.
    let inside = try #require(try FETFixtures.error(reading: String(FETFixtures.smallFile().prefix(200))))
    #expect(inside == "test.fet:10: the XML is broken: '>' expected")
  }

  @Test func theRootMustBeFet() throws {
    let message = try FETFixtures.error(reading: "<?xml version=\"1.0\"?>\n\n<timetable version=\"1\">\n</timetable>\n")
    #expect(message == "test.fet:3: the root element is <timetable>, expected <fet> (this is not a FET file)")
  }

  @Test func anActivityWithoutIdIsAnError() throws {
    let text = FETFixtures.smallFile(
      activities:
        "<Activity>\n\t<Teacher>Ann</Teacher>\n\t<Subject>Maths</Subject>\n\t<Duration>1</Duration>\n</Activity>")
    let message = try FETFixtures.error(reading: text)
    let line = FETFixtures.line(of: "<Activity>", in: text)
    #expect(message == "test.fet:\(line): an Activity has no Id (expected <Id>…</Id> in <Activity>)")
  }

  @Test func aDurationThatIsNotANumberIsAnError() throws {
    let text = FETFixtures.smallFile(
      activities:
        "<Activity>\n\t<Teacher>Ann</Teacher>\n\t<Subject>Maths</Subject>\n\t<Id>12</Id>\n\t<Duration>x</Duration>\n</Activity>"
    )
    let message = try FETFixtures.error(reading: text)
    let line = FETFixtures.line(of: "<Duration>x", in: text)
    #expect(message == "test.fet:\(line): Duration of activity 12: expected a whole number, found \"x\"")
  }

  @Test func otherMissingAndWrongValuesAreErrors() throws {
    #expect(
      try FETFixtures.error(reading: FETFixtures.smallFile(numberOfDays: 3))
        == "test.fet:10: Number_of_Days is 3 but Days_List names 2 days")
    #expect(
      try FETFixtures.error(reading: FETFixtures.smallFile(teachers: "<Teacher><Comments></Comments></Teacher>"))
        == "test.fet:29: a Teacher has no Name (expected <Name>…</Name> in <Teacher>)")
    #expect(
      try FETFixtures.error(
        reading: FETFixtures.smallFile(activities: "<Activity>\n<Id>3</Id>\n<Subject>Maths</Subject>\n</Activity>"))
        == "test.fet:45: activity 3 has no Duration (expected <Duration>…</Duration>)")
    let badWeight = FETFixtures.smallFile(
      timeConstraints:
        "<ConstraintBasicCompulsoryTime>\n<Weight_Percentage>most</Weight_Percentage>\n</ConstraintBasicCompulsoryTime>"
    )
    let weightLine = FETFixtures.line(of: "<Weight_Percentage>most", in: badWeight)
    #expect(
      try FETFixtures.error(reading: badWeight)
        == "test.fet:\(weightLine): Weight_Percentage of ConstraintBasicCompulsoryTime: expected a number, found \"most\""
    )
    #expect(
      try FETFixtures.error(
        reading: FETFixtures.smallFile().replacingOccurrences(of: "<Mode>Official</Mode>", with: "<Mode>Weekly</Mode>"))
        == "test.fet:5: Mode: expected one of Official, Mornings_Afternoons, Terms, Block_Planning, found \"Weekly\"")
  }

  @Test func aByteOrderMarkAndCommentsAreFine() throws {
    let text =
      "\u{FEFF}" + FETFixtures.smallFile().replacingOccurrences(of: "<Days_List>", with: "<!-- days -->\n<Days_List>")
    let document = try FETReader.parse(data: Data(text.utf8), source: "bom.fet")
    #expect(document.days == ["Mon", "Tue"])
    #expect(document.institutionName == "Test & school")
    #expect(document.rooms.map(\.name) == ["A&B"])
    #expect(document.rooms.first?.building == nil)
    #expect(document.rooms.first?.capacity == 30)
    let activity = try #require(document.activity(id: 2))
    #expect(activity.activityGroupID == 1 && activity.totalDuration == 2)
  }

  // MARK: References

  @Test func referenceProblemsFindUnknownNames() throws {
    let text = FETFixtures.smallFile(
      activities: """
        <Activity>
        	<Teacher>Carl</Teacher>
        	<Subject>Maths</Subject>
        	<Students>7a</Students>
        	<Duration>1</Duration>
        	<Id>1</Id>
        </Activity>
        """,
      timeConstraints: """
        <ConstraintTeacherNotAvailableTimes>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Teacher>Dora</Teacher>
        	<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>
        	<Not_Available_Time>
        		<Day>Mon</Day>
        		<Hour>1</Hour>
        	</Not_Available_Time>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintTeacherNotAvailableTimes>
        <ConstraintActivityPreferredStartingTime>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Activity_Id>7</Activity_Id>
        	<Preferred_Day>Sun</Preferred_Day>
        	<Preferred_Hour>1</Preferred_Hour>
        	<Permanently_Locked>true</Permanently_Locked>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintActivityPreferredStartingTime>
        """)
    let document = try FETReader.parse(data: Data(text.utf8), source: "refs.fet")
    let problems = document.referenceProblems().map(\.description)
    func line(_ marker: String) -> Int { FETFixtures.line(of: marker, in: text) }
    #expect(
      problems == [
        "refs.fet:\(line("<Activity>")): activity 1 names an unknown teacher \"Carl\"",
        "refs.fet:\(line("<Teacher>Dora")): ConstraintTeacherNotAvailableTimes names an unknown teacher \"Dora\" (Teacher)",
        "refs.fet:\(line("<Activity_Id>7")): ConstraintActivityPreferredStartingTime names an unknown activity \"7\" (Activity_Id)",
        "refs.fet:\(line("<Preferred_Day>Sun")): ConstraintActivityPreferredStartingTime names an unknown day \"Sun\" (Preferred_Day)",
      ])
  }

  @Test func referenceProblemsFindCountsThatDisagree() throws {
    let text = FETFixtures.smallFile(
      timeConstraints: """
        <ConstraintMinDaysBetweenActivities>
        	<Weight_Percentage>95</Weight_Percentage>
        	<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>
        	<Number_of_Activities>3</Number_of_Activities>
        	<Activity_Id>1</Activity_Id>
        	<Activity_Id>2</Activity_Id>
        	<MinDays>1</MinDays>
        	<Active>false</Active>
        	<Comments>split</Comments>
        </ConstraintMinDaysBetweenActivities>
        """)
    let document = try FETReader.parse(data: Data(text.utf8), source: "counts.fet")
    let constraint = try #require(document.timeConstraints.first)
    #expect(constraint.weight == 95 && !constraint.active && constraint.comments == "split")
    #expect(try constraint.ints("Activity_Id") == [1, 2])
    #expect(try constraint.bool("Consecutive_If_Same_Day") == true)
    #expect(
      document.referenceProblems().map(\.description) == [
        "counts.fet:\(FETFixtures.line(of: "<Number_of_Activities>", in: text)): Number_of_Activities of ConstraintMinDaysBetweenActivities is 3 but it lists 2 Activity_Id"
      ])
  }

  @Test func constraintAccessorsNameTheLineOfABadValue() throws {
    let text = FETFixtures.smallFile(
      timeConstraints: """
        <ConstraintTeacherMaxHoursDaily>
        	<Weight_Percentage>100</Weight_Percentage>
        	<Teacher_Name>Ann</Teacher_Name>
        	<Maximum_Hours_Daily>four</Maximum_Hours_Daily>
        	<Active>true</Active>
        	<Comments></Comments>
        </ConstraintTeacherMaxHoursDaily>
        """)
    let document = try FETReader.parse(data: Data(text.utf8), source: "acc.fet")
    let constraint = try #require(document.timeConstraints.first)
    #expect(constraint.string("Teacher_Name") == "Ann")
    #expect(try constraint.int("Missing") == nil)
    #expect(
      throws: FETFormatError(
        file: "acc.fet", line: FETFixtures.line(of: "<Maximum_Hours_Daily>", in: text),
        message: "Maximum_Hours_Daily of ConstraintTeacherMaxHoursDaily: expected a whole number, found \"four\"")
    ) {
      try constraint.int("Maximum_Hours_Daily")
    }
  }

  // MARK: fet-cl output and locked files

  @Test(.enabled(if: FETFixtures.haveFetCL))
  func lockedSmallSchoolIsConfirmedByFetCL() throws {
    let input = FETFixtures.path("FET-5-official/Denmark/small-school.fet")
    let original = try Data(contentsOf: URL(fileURLWithPath: input))
    let document = try FETReader.read(path: input)

    let run = try FETFixtures.runFetCL(input)
    defer { FETFixtures.remove(run.outputDirectory) }
    #expect(run.lastLine == "Simulation successful")
    let placements = try FETActivitiesTimetable.read(
      path: FETFixtures.activitiesFile(in: run.outputDirectory, for: input))
    #expect(placements.count == document.activities.count)
    #expect(Set(placements.map(\.activityID)) == Set(document.activities.map(\.id)))
    #expect(placements.allSatisfy { $0.day == "Daily" && document.hours.contains($0.hour) && $0.room == nil })

    let locked = try FETWriter.locked(original: original, placements: placements)
    let lockedDocument = try FETReader.parse(data: locked, source: "locked.fet")
    #expect(lockedDocument.timeConstraints.count == document.timeConstraints.count + placements.count)
    #expect(lockedDocument.spaceConstraints.count == document.spaceConstraints.count)
    #expect(lockedDocument.referenceProblems().isEmpty)
    let added = lockedDocument.timeConstraints.suffix(placements.count)
    #expect(added.allSatisfy { $0.kind == "ConstraintActivityPreferredStartingTime" && $0.weight == 100 })
    #expect(try added.allSatisfy { try $0.bool("Permanently_Locked") == true })
    // Everything else is byte-identical: removing the added elements gives the original back.
    let unlocked = FETWriter.removingConstraints(original: locked) {
      $0.list == .time && $0.index >= document.timeConstraints.count
    }
    #expect(unlocked == original)

    let lockedPath = try FETFixtures.temporaryDirectory().appendingPathComponent("small-school-locked.fet")
    defer { FETFixtures.remove(lockedPath) }
    try locked.write(to: lockedPath)
    let check = try FETFixtures.runFetCL(lockedPath.path, seconds: 10)
    defer { FETFixtures.remove(check.outputDirectory) }
    #expect(check.lastLine == "Simulation successful")
    let result = try String(
      contentsOf: check.outputDirectory.appendingPathComponent("logs/result.txt"), encoding: .utf8)
    #expect(result.contains("Simulation successful"))
    let relocated = try FETActivitiesTimetable.read(
      path: FETFixtures.activitiesFile(in: check.outputDirectory, for: lockedPath.path))
    #expect(Set(relocated) == Set(placements))
  }

  @Test(.enabled(if: FETFixtures.haveFetCL))
  func lockedSchoolWithRoomsIsConfirmedByFetCL() throws {
    let input = FETFixtures.path("FET-5-official/Sudan/Khartoum-2010-02-13.fet")
    let original = try Data(contentsOf: URL(fileURLWithPath: input))
    let document = try FETReader.read(path: input)
    let run = try FETFixtures.runFetCL(input, seconds: 30)
    defer { FETFixtures.remove(run.outputDirectory) }
    try #require(run.lastLine == "Simulation successful")
    let placements = try FETActivitiesTimetable.read(
      path: FETFixtures.activitiesFile(in: run.outputDirectory, for: input))
    let withRooms = placements.filter { $0.room != nil }
    #expect(!withRooms.isEmpty)

    let locked = try FETWriter.locked(original: original, placements: placements, comments: "locked by Sabaq")
    let lockedDocument = try FETReader.parse(data: locked, source: "locked.fet")
    #expect(lockedDocument.spaceConstraints.count == document.spaceConstraints.count + withRooms.count)
    let lastRoom = try #require(lockedDocument.spaceConstraints.last)
    #expect(lastRoom.kind == "ConstraintActivityPreferredRoom" && lastRoom.comments == "locked by Sabaq")
    #expect(lastRoom.string("Room") == withRooms.last?.room)

    let lockedPath = try FETFixtures.temporaryDirectory().appendingPathComponent("khartoum-locked.fet")
    defer { FETFixtures.remove(lockedPath) }
    try locked.write(to: lockedPath)
    let check = try FETFixtures.runFetCL(lockedPath.path, seconds: 10)
    defer { FETFixtures.remove(check.outputDirectory) }
    #expect(check.lastLine == "Simulation successful")
    let relocated = try FETActivitiesTimetable.read(
      path: FETFixtures.activitiesFile(in: check.outputDirectory, for: lockedPath.path))
    #expect(Set(relocated) == Set(placements))
  }

  @Test func activitiesTimetableReadsRoomsAndRealRooms() throws {
    let text = """
      \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
      <Activities_Timetable>
      <Activity>
      	<Id>1</Id>
      	<Day>Mon</Day>
      	<Hour>1</Hour>
      	<Room></Room>
      </Activity>
      <Activity>
      	<Id>2</Id>
      	<Day>Tue</Day>
      	<Hour>2</Hour>
      	<Room>V1</Room>
      	<Real_Room>R1</Real_Room>
      	<Real_Room>R2</Real_Room>
      </Activity>
      </Activities_Timetable>
      """
    let placements = try FETActivitiesTimetable.parse(data: Data(text.utf8))
    #expect(
      placements == [
        FETPlacement(activityID: 1, day: "Mon", hour: "1"),
        FETPlacement(activityID: 2, day: "Tue", hour: "2", room: "V1", realRooms: ["R1", "R2"]),
      ])
    #expect(throws: FETFormatError.self) {
      try FETActivitiesTimetable.parse(data: Data("<fet></fet>".utf8))
    }
  }

  @Test func lockingHandlesEmptyAndMissingListsAndEscapes() throws {
    let placements = [
      FETPlacement(activityID: 1, day: "Mon", hour: "1", room: "A&B"),
      FETPlacement(activityID: 2, day: "Tue", hour: "2", room: "A&B", realRooms: ["A&B"]),
    ]
    for spaceLists in ["<Space_Constraints_List/>", "<Space_Constraints_List></Space_Constraints_List>", ""] {
      let original = Data(FETFixtures.smallFile(spaceLists: spaceLists).utf8)
      let locked = try FETWriter.locked(original: original, placements: placements)
      let document = try FETReader.parse(data: locked, source: "locked.fet")
      #expect(document.timeConstraints.count == 3, "\(spaceLists)")
      #expect(document.spaceConstraints.map(\.kind) == Array(repeating: "ConstraintActivityPreferredRoom", count: 2))
      #expect(document.spaceConstraints.map { $0.string("Room") } == ["A&B", "A&B"])
      #expect(document.spaceConstraints[1].strings("Real_Room") == ["A&B"])
      #expect(document.referenceProblems().isEmpty, "\(document.referenceProblems())")
      let text = String(decoding: locked, as: UTF8.self)
      #expect(text.contains("\t<Room>A&amp;B</Room>\n"))
    }
    // No time list at all: one is added.
    let noTime = FETFixtures.smallFile().replacingOccurrences(
      of: "<Time_Constraints_List>\n<ConstraintBasicCompulsoryTime>", with: "<Removed>\n<ConstraintBasicCompulsoryTime>"
    ).replacingOccurrences(of: "</Time_Constraints_List>", with: "</Removed>")
    let locked = try FETWriter.locked(original: Data(noTime.utf8), placements: placements)
    let document = try FETReader.parse(data: locked, source: "locked.fet")
    #expect(
      document.timeConstraints.map(\.kind) == Array(repeating: "ConstraintActivityPreferredStartingTime", count: 2))
    #expect(
      document.timeConstraints.map { $0.timeSlots(dayField: "Preferred_Day", hourField: "Preferred_Hour").first?.day }
        == ["Mon", "Tue"])
  }

  @Test func lockingKeepsCRLFLineEndings() throws {
    let original = Data(FETFixtures.smallFile().replacingOccurrences(of: "\n", with: "\r\n").utf8)
    let locked = try FETWriter.locked(
      original: original, placements: [FETPlacement(activityID: 1, day: "Mon", hour: "1")])
    let text = String(decoding: locked, as: UTF8.self)
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    #expect(try FETReader.parse(data: locked).timeConstraints.count == 2)
  }

  // MARK: Reduced files

  @Test(.enabled(if: FETFixtures.haveExamples))
  func reducedFilesLoseExactlyTheKindsAsked() throws {
    for relative in ["FET-5-official/Brazil/1/Brazil.fet", "FET-5-official/Spain/1-school/school.fet"] {
      let input = FETFixtures.path(relative)
      let original = try Data(contentsOf: URL(fileURLWithPath: input))
      let document = try FETReader.read(path: input)
      let kinds: Set<String> = [
        "ConstraintTeacherNotAvailableTimes", "ConstraintMinDaysBetweenActivities", "ConstraintBasicCompulsorySpace",
      ]
      let reduced = FETWriter.reduced(original: original, removingConstraintsOfKinds: kinds)
      let reducedDocument = try FETReader.parse(data: reduced, source: "reduced.fet")
      #expect(reducedDocument.constraints.allSatisfy { !kinds.contains($0.kind) })
      let removed = document.constraints.filter { kinds.contains($0.kind) }.count
      #expect(removed > 0)
      #expect(reducedDocument.constraints.count == document.constraints.count - removed)
      // The rest is unchanged, constraint by constraint.
      func summary(_ constraints: [FETConstraint]) -> [String] {
        constraints.map { c in c.kind + c.fields.map { "|\($0.name)=\($0.value)" }.joined() }
      }
      #expect(summary(reducedDocument.constraints) == summary(document.constraints.filter { !kinds.contains($0.kind) }))
      #expect(reducedDocument.activities == document.activities)
      #expect(reducedDocument.activities.map(\.id) == document.activities.map(\.id))
      #expect(FETWriter.reduced(original: original, removingConstraintsOfKinds: []) == original)
    }
  }
}
