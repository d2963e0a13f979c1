import Foundation
import Planner
import SampleSchools
import Testing

@testable import Interchange

/// Bad files get messages naming the file and the place in words, never Foundation's raw errors
/// (issue 20): empty files, folders, decimals and giant numbers, misspelt required fields,
/// numbers out of range, and non-XML or absurdly nested FET files. Several came from the fuzz
/// campaign (`scripts/fuzz`).
@Suite struct InputErrorTests {
  let school = SampleSchools.smallKazakhSchool()

  /// The sample school's instance file as text, with one edit made to its JSON tree.
  func edited(_ change: (inout [String: Any]) -> Void) throws -> Data {
    var root = try JSONSerialization.jsonObject(with: InstanceFile.encode(school)) as! [String: Any]
    change(&root)
    return try JSONSerialization.data(withJSONObject: root)
  }

  func editClass(_ index: Int, _ change: @escaping (inout [String: Any]) -> Void) throws -> Data {
    try edited { root in
      var org = root["organisation"] as! [String: Any]
      var classes = org["classes"] as! [[String: Any]]
      change(&classes[index])
      org["classes"] = classes
      root["organisation"] = org
    }
  }

  func issues(_ data: Data) -> [PlanningIssue] { decodingIssues(data) }

  func temporaryFile(_ name: String, _ data: Data) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try data.write(to: URL(fileURLWithPath: path))
    return path
  }

  func message(_ read: () throws -> Void) -> String {
    do {
      try read()
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func anEmptyFileIsSaidToBeEmpty() throws {
    for bytes in ["", "  \n"] {
      let path = try temporaryFile("school.json", Data(bytes.utf8))
      #expect(message { _ = try InstanceFile.read(path) } == "\(path): the file is empty")
      #expect(message { _ = try TimetableFile.read(path) } == "\(path): the file is empty")
      let fet = try temporaryFile("school.fet", Data(bytes.utf8))
      #expect(message { _ = try FETReader.read(path: fet) } == "\(fet): the file is empty")
    }
  }

  @Test func aFileCutShortIsSaidSo() throws {
    // "Unexpected end of file during JSON parse" was Foundation's text, with no place.
    let data = Data(try InstanceFile.encode(school).prefix(500))
    let found = issues(data)
    #expect(found.map(\.code) == ["invalid-json"])
    #expect(found.first?.message.hasPrefix("the file ends at line ") == true, "\(found)")
    #expect(found.first?.message.contains("Unexpected") == false)
  }

  @Test func aFolderOrAMissingFileIsSaidSo() throws {
    let folder = FileManager.default.temporaryDirectory.path
    #expect(message { _ = try InstanceFile.read(folder) } == "\(folder): this is a folder, not a file")
    #expect(message { _ = try FETReader.read(path: folder) } == "\(folder): this is a folder, not a file")
    #expect(message { _ = try InstanceFile.read("/no/such/school.json") } == "/no/such/school.json: no such file")
  }

  @Test func aDecimalWhereAnIntegerIsExpectedNamesItsPath() throws {
    let found = issues(try editClass(0) { $0["boys"] = 1.5 })
    #expect(found.map(\.path) == ["$.organisation.classes[0].boys"])
    #expect(found.first?.message == "expected an integer, found 1.5")
  }

  @Test func aValueOfTheWrongKindIsShown() throws {
    let found = issues(try editClass(0) { $0["letter"] = 7 })
    #expect(found.map(\.message) == ["expected a string, found 7"])
    let object = issues(try editClass(0) { $0["grade"] = ["x": 1] })
    #expect(object.map(\.message) == ["expected an integer, found an object"])
  }

  @Test func aNumberBeyond64BitsNamesItsPath() throws {
    let data = try editClass(1) { $0["girls"] = 18_446_744_073_709_551_615 as UInt64 }
    let found = issues(data)
    #expect(found.map(\.path) == ["$.organisation.classes[1].girls"])
    // Weekly hours may be decimals: 1.5 there is no error.
    #expect(issues(try InstanceFile.encode(school)).isEmpty)
  }

  @Test func numbersOutOfRangeAreRefusedOnReading() throws {
    let found = issues(try editClass(0) { $0["boys"] = 1_000_000_000_000 })
    #expect(found.map(\.path) == ["$.organisation.classes[0].boys"])
    #expect(found.first?.code == "out-of-range")
    let both = issues(
      try editClass(0) {
        $0["boys"] = 1 << 62
        $0["girls"] = 1 << 62
      })
    #expect(both.count == 2)
  }

  @Test func aMisspeltRequiredFieldGetsASuggestion() throws {
    let found = issues(
      try editClass(2) {
        $0["grde"] = $0["grade"]
        $0["grade"] = nil
      })
    #expect(found.first?.path == "$.organisation.classes[2].grade")
    #expect(found.first?.message == "the required field \"grade\" is missing (did you mean it for \"grde\"?)")
  }

  @Test func aTimetablePeriodBeyondTheDayIsRefused() throws {
    let text = """
      {"format": "sabaq-timetable", "organisation": "x", "placements": [
        {"lesson": "a", "day": "mon", "period": 2, "rooms": []},
        {"lesson": "b", "day": "mon", "period": 9223372036854775807, "rooms": []}]}
      """
    let path = try temporaryFile("timetable.json", Data(text.utf8))
    #expect(
      message { _ = try TimetableFile.read(path) }
        == "\(path): $.placements[1].period: expected a period from 1 to 32, found 9223372036854775807")
  }

  /// From the fuzz campaign: a field written twice (JSONSerialization kept the last, JSONDecoder
  /// the first, and the message was "The given data was not valid JSON" at `$`).
  @Test func aFieldWrittenTwiceIsRefusedWithItsPathAndLines() throws {
    var text = String(decoding: try InstanceFile.encode(school), as: UTF8.self)
    let boys = try #require(text.range(of: "\"boys\" : "))
    text.insert(contentsOf: "\"boys\" : 1e-300,\n      ", at: boys.lowerBound)
    let found = issues(Data(text.utf8))
    let line = text[..<boys.lowerBound].filter { $0 == "\n" }.count + 1
    #expect(found.map(\.path) == ["$.organisation.classes[0].boys"])
    #expect(found.first?.code == "duplicate-field")
    #expect(
      found.first?.message
        == "the field \"boys\" is written twice in one object (lines \(line) and \(line + 1)); keep one")
    // The same key in two different objects is no duplicate; nor is a key equal to a value.
    #expect(
      issues(Data(#"{"format": "sabaq-instance", "version": 1, "organisation": {"id": "id"}}"#.utf8)).allSatisfy {
        $0.code != "duplicate-field"
      })
  }

  /// From the fuzz campaign: a number beyond any number type ("Number 21e999 is not representable
  /// in Swift", with no place) in an instance and in a timetable.
  @Test func aNumberTooLargeForAnyTypeNamesItsLineAndPath() throws {
    let text = """
      {"format": "sabaq-timetable", "organisation": "x", "placements": [
        {"lesson": "a", "day": "mon", "period": 2, "rooms": []},
        {"lesson": "b", "day": "mon", "period": 21e999, "rooms": []}]}
      """
    let path = try temporaryFile("timetable.json", Data(text.utf8))
    #expect(
      message { _ = try TimetableFile.read(path) }
        == "\(path): $.placements[1].period: line 3: the number 21e999 is too large for any field; expected a number of a sensible size"
    )
    let instance = try editClass(0) { $0["girls"] = 4321 }
    let huge = String(decoding: instance, as: UTF8.self).replacingOccurrences(
      of: "\"girls\":4321", with: "\"girls\":-1E400")
    #expect(issues(Data(huge.utf8)).map(\.path) == ["$.organisation.classes[0].girls"])
  }

  @Test func aJSONOrBinaryFileGivenAsFETIsSaidToBeNoXML() throws {
    let json = try temporaryFile("school.fet", try InstanceFile.encode(school))
    #expect(
      message { _ = try FETReader.read(path: json) }.contains("this is not an XML (FET) file: it looks like JSON"))
    let binary = try temporaryFile("binary.fet", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00]))
    #expect(
      message { _ = try FETReader.read(path: binary) }
        == "\(binary):1: this is not an XML (FET) file: it does not begin with '<'")
  }

  @Test func deeplyNestedXMLIsRefusedWithoutOverflowingTheStack() throws {
    // 50,000 nested elements crashed `import fet` (signal 11) when the tree was freed.
    let depth = 50_000
    let text =
      "<fet version=\"6\">" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
      + "</fet>"
    let found = message { _ = try FETReader.parse(data: Data(text.utf8), source: "deep.fet") }
    #expect(found.hasPrefix("deep.fet:1: the XML is broken: elements are nested more than 64 deep"))
  }
}
