import Foundation
import Planner
import SampleSchools
import Testing

@testable import Interchange

@Suite struct InstanceFileTests {
  let school = SampleSchools.smallKazakhSchool()

  func text(_ organisation: Organisation) throws -> String {
    String(decoding: try InstanceFile.encode(organisation), as: UTF8.self)
  }

  /// The instance file of the sample school with one edit made to its JSON tree.
  func edited(_ change: (inout [String: Any]) -> Void) throws -> Data {
    var root = try JSONSerialization.jsonObject(with: InstanceFile.encode(school)) as! [String: Any]
    change(&root)
    return try JSONSerialization.data(withJSONObject: root)
  }

  func issues(of data: Data) -> [PlanningIssue] { decodingIssues(data) }

  @Test func anOrganisationRoundTripsExactly() throws {
    let data = try InstanceFile.encode(school)
    let read = try InstanceFile.decode(data)
    #expect(read == school)
    #expect(try InstanceFile.encode(read) == data)
  }

  @Test func cyrillicIsWrittenAsItIsAndReadBack() throws {
    let written = try text(school)
    let name = school.name
    #expect(written.contains(name))
    #expect(!written.contains("\\u04"))
    #expect(written.contains("Қазақ тілі"))
    #expect(try InstanceFile.decode(Data(written.utf8)).name == name)
  }

  @Test func brokenJSONIsReportedByLineAndColumn() {
    let found = issues(of: Data("{\n  \"format\": \"sabaq-instance\",\n  \"version\": 1,\n  oops\n}".utf8))
    #expect(found.count == 1)
    #expect(found[0].message.hasPrefix("the file is not valid JSON at line 4"))
  }

  @Test func theFormatAndVersionAreChecked() throws {
    #expect(
      issues(of: try edited { $0["format"] = "fet" }).first?.message == "expected \"sabaq-instance\", found \"fet\"")
    #expect(
      issues(of: try edited { $0["version"] = 7 }).first?.message
        == "the file is format version 7; this sabaq reads up to version 1")
    #expect(issues(of: try edited { $0.removeValue(forKey: "version") }).first?.path == "$.version")
    #expect(issues(of: Data("[1, 2]".utf8)).first?.path == "$")
  }

  @Test func aValueOfTheWrongTypeNamesItsPath() throws {
    let found = issues(
      of: try edited { root in
        var organisation = root["organisation"] as! [String: Any]
        var classes = organisation["classes"] as! [[String: Any]]
        classes[3]["grade"] = "five"
        organisation["classes"] = classes
        root["organisation"] = organisation
      })
    #expect(found.first?.path == "$.organisation.classes[3].grade")
    #expect(found.first?.message.hasPrefix("expected an integer") == true)
  }

  @Test func aMissingRequiredFieldNamesItsPath() throws {
    let found = issues(
      of: try edited { root in
        var organisation = root["organisation"] as! [String: Any]
        var teachers = organisation["teachers"] as! [[String: Any]]
        teachers[2].removeValue(forKey: "subjects")
        organisation["teachers"] = teachers
        root["organisation"] = organisation
      })
    #expect(found.first?.path == "$.organisation.teachers[2].subjects")
    #expect(found.first?.message == "the required field \"subjects\" is missing")
  }

  @Test func anUnknownFieldIsAnErrorWithASuggestion() throws {
    let found = issues(
      of: try edited { root in
        var organisation = root["organisation"] as! [String: Any]
        var classes = organisation["classes"] as! [[String: Any]]
        classes[0]["grde"] = 5
        organisation["classes"] = classes
        organisation["colour"] = "blue"
        root["organisation"] = organisation
      })
    #expect(
      found.contains {
        $0.path == "$.organisation.classes[0].grde" && $0.message == "unknown field \"grde\" (did you mean \"grade\"?)"
      })
    #expect(found.contains { $0.path == "$.organisation.colour" })
  }

  @Test func hoursThatAreNotHalvesAndUnknownNamesAreRefused() throws {
    let hours = issues(
      of: try edited { root in
        var organisation = root["organisation"] as! [String: Any]
        var curricula = organisation["workingCurricula"] as! [[String: Any]]
        var entries = curricula[0]["entries"] as! [[String: Any]]
        entries[1]["weeklyHours"] = 1.3
        curricula[0]["entries"] = entries
        organisation["workingCurricula"] = curricula
        root["organisation"] = organisation
      })
    #expect(hours.first?.path == "$.organisation.workingCurricula[0].entries[1].weeklyHours")
    #expect(hours.first?.message == "expected weekly hours as a non-negative multiple of 0.5 (1, 1.5, 2), found 1.3")
    let split = issues(
      of: try edited { root in
        var organisation = root["organisation"] as! [String: Any]
        var assignments = organisation["assignments"] as! [[String: Any]]
        assignments[0]["split"] = "halves"
        organisation["assignments"] = assignments
        root["organisation"] = organisation
      })
    #expect(split.first?.path == "$.organisation.assignments[0].split")
    #expect(split.first?.message.hasPrefix("expected one of \"whole\", \"two\", \"three\", \"boys-girls\"") == true)
    let date = issues(
      of: try edited { root in
        var organisation = root["organisation"] as! [String: Any]
        var periods = organisation["studyPeriods"] as! [[String: Any]]
        periods[0]["start"] = "2025-02-30"
        organisation["studyPeriods"] = periods
        root["organisation"] = organisation
      })
    #expect(date.first?.path == "$.organisation.studyPeriods[0].start")
  }

  @Test func writingIsAtomicAndAFailedEditLeavesTheInputUntouched() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-edit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("school.json").path
    try InstanceFile.write(school, to: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    // A change that fails, and one that would leave an error: neither writes anything.
    #expect(throws: PlanningErrors.self) {
      try InstanceEdit.apply(input: path, output: path) {
        try $0.copyingCurriculum(CurriculumCopyRequest(from: "1А", to: ["9Я"])).0
      }
    }
    #expect(throws: PlanningErrors.self) {
      try InstanceEdit.apply(input: path, output: path) { organisation in
        var broken = organisation
        broken.classes[0].shift = "nowhere"
        return broken
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    // A change that succeeds is written.
    let copy = directory.appendingPathComponent("copy.json").path
    try InstanceEdit.apply(input: path, output: copy) { $0.nextYear().0 }
    #expect(try InstanceFile.read(copy).academicYear.name == "2026-2027")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }
}

/// What reading `data` as an instance file reports (none when it reads).
func decodingIssues(_ data: Data) -> [PlanningIssue] {
  do {
    _ = try InstanceFile.decode(data)
    return []
  } catch let error as InstanceFileError {
    return error.issues
  } catch {
    return [.error("other", at: "", "\(error)")]
  }
}
