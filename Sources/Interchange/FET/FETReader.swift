import Foundation

/// Reads FET input files (`.fet`, FET 5 and 6, every mode) into a `FETDocument`.
///
/// The XML is read with Foundation's `XMLParser` into an element tree with line numbers, then
/// read element by element. Problems are `FETFormatError`s naming the file and line: broken XML,
/// a root element other than `<fet>`, a missing `Name` (teacher, subject, tag, students set,
/// building, room), `Id`, `Subject` or `Duration` (activity), `Weight_Percentage` (constraint), a
/// non-number where a number is expected, `Number_of_Days`/`Number_of_Hours` disagreeing with the
/// lists. References between things are not checked here: see `FETDocument.referenceProblems()`.
public enum FETReader {
  /// Reads the file at `path`; messages name the path as given.
  public static func read(path: String) throws -> FETDocument {
    let data: Data
    do {
      data = try InputFile.read(path)
    } catch let problem as InputFile.Problem {
      throw FETFormatError(file: path, line: nil, message: problem.message)
    }
    return try parse(data: data, source: path)
  }

  /// Reads a FET file from its bytes; `source` names it in messages.
  public static func parse(data: Data, source: String = "input.fet") throws -> FETDocument {
    let root = try FETXMLTree.parse(data, source: source)
    return try DocumentReader(source: source).read(root)
  }
}

/// Reads the element tree of a `.fet` file.
struct DocumentReader {
  let source: String

  func failure(_ line: Int?, _ message: String) -> FETFormatError {
    FETFormatError(file: source, line: line, message: message)
  }

  func read(_ root: FETElement) throws -> FETDocument {
    guard root.name == "fet" || root.name == "FET" else {
      throw failure(root.line, "the root element is <\(root.name)>, expected <fet> (this is not a FET file)")
    }
    var document = FETDocument(source: source, version: root.attributes["version"] ?? "")
    var sawDays = false
    var sawHours = false
    for element in root.children {
      switch element.name {
      case "Mode": document.mode = try mode(element)
      case "Institution_Name": document.institutionName = element.text
      case "Comments": document.comments = element.text
      case "Number_of_Terms": document.numberOfTerms = try int(element, of: "the file")
      case "Number_of_Days_Per_Term": document.numberOfDaysPerTerm = try int(element, of: "the file")
      case "Days_List":
        document.days = try names(in: element, item: "Day", count: "Number_of_Days", what: "days")
        sawDays = true
      case "Hours_List":
        document.hours = try names(in: element, item: "Hour", count: "Number_of_Hours", what: "hours")
        sawHours = true
      case "Teachers_List", "Subjects_List", "Activity_Tags_List", "Students_List", "Activities_List", "Buildings_List",
        "Rooms_List":
        try readItems(of: element, into: &document)
      case "Time_Constraints_List":
        for (index, item) in element.children.enumerated() {
          document.timeConstraints.append(try constraint(item, list: .time, index: index))
        }
      case "Space_Constraints_List":
        for (index, item) in element.children.enumerated() {
          document.spaceConstraints.append(try constraint(item, list: .space, index: index))
        }
      default:
        document.otherSections.append(element)
      }
    }
    guard sawDays else {
      throw failure(root.line, "the file has no Days_List (expected <Days_List> with <Number_of_Days> and <Day> names)")
    }
    guard sawHours else {
      throw failure(
        root.line, "the file has no Hours_List (expected <Hours_List> with <Number_of_Hours> and <Hour> names)")
    }
    return document
  }

  func mode(_ element: FETElement) throws -> FETMode {
    let text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let mode = FETMode(rawValue: text) else {
      let known = FETMode.allCases.map(\.rawValue).joined(separator: ", ")
      throw failure(element.line, "Mode: expected one of \(known), found \(fetQuoted(element.text))")
    }
    return mode
  }

  /// The items of a list of teachers, subjects, activity tags, years, activities, buildings or
  /// rooms, in order; an element of another name in the list is kept in `otherSections`.
  func readItems(of list: FETElement, into document: inout FETDocument) throws {
    for item in list.children {
      switch (list.name, item.name) {
      case ("Teachers_List", "Teacher"): document.teachers.append(try teacher(item))
      case ("Subjects_List", "Subject"): document.subjects.append(try subject(item))
      case ("Activity_Tags_List", "Activity_Tag"): document.activityTags.append(try activityTag(item))
      case ("Students_List", "Year"): document.years.append(try year(item))
      case ("Activities_List", "Activity"): document.activities.append(try activity(item))
      case ("Buildings_List", "Building"): document.buildings.append(try building(item))
      case ("Rooms_List", "Room"): document.rooms.append(try room(item))
      default: document.otherSections.append(item)
      }
    }
  }

  // MARK: Days and hours

  /// The names of a `Days_List` or `Hours_List`, checked against its count element.
  func names(in list: FETElement, item: String, count countName: String, what: String) throws -> [String] {
    var names: [String] = []
    var declared: (count: Int, line: Int)?
    for element in list.children {
      if element.name == countName || element.name == "Number" {
        declared = (try int(element, of: list.name), element.line)
      } else if element.name == item {
        guard let name = element.child("Name") else {
          throw failure(element.line, "a \(item) has no Name (expected <\(item)><Name>…</Name></\(item)>)")
        }
        names.append(name.text)
      } else if element.name == "Name" {
        names.append(element.text)  // the format before FET 5.5: names directly in the list
      }
    }
    guard let declared else {
      throw failure(list.line, "\(list.name) has no \(countName)")
    }
    guard declared.count == names.count else {
      throw failure(
        declared.line,
        "\(countName) is \(declared.count) but \(list.name) names \(names.count) \(what)")
    }
    return names
  }

  // MARK: Items

  func requiredName(_ element: FETElement, what: String) throws -> String {
    guard let name = element.child("Name") else {
      throw failure(element.line, "\(what) has no Name (expected <Name>…</Name> in <\(element.name)>)")
    }
    return name.text
  }

  func subject(_ item: FETElement) throws -> FETSubject {
    let name = try requiredName(item, what: "a Subject")
    return FETSubject(
      name: name, comments: item.child("Comments")?.text ?? "", line: item.line,
      otherFields: otherFields(item, known: ["Name", "Comments"]))
  }

  func activityTag(_ item: FETElement) throws -> FETActivityTag {
    let name = try requiredName(item, what: "an Activity_Tag")
    return FETActivityTag(
      name: name,
      printable: try item.child("Printable").map { try bool($0, of: "activity tag \(fetQuoted(name))") },
      comments: item.child("Comments")?.text ?? "", line: item.line,
      otherFields: otherFields(item, known: ["Name", "Printable", "Comments"]))
  }

  func building(_ item: FETElement) throws -> FETBuilding {
    let name = try requiredName(item, what: "a Building")
    return FETBuilding(
      name: name, comments: item.child("Comments")?.text ?? "", line: item.line,
      otherFields: otherFields(item, known: ["Name", "Comments"]))
  }

  func teacher(_ element: FETElement) throws -> FETTeacher {
    let name = try requiredName(element, what: "a Teacher")
    let owner = "teacher \(fetQuoted(name))"
    return FETTeacher(
      name: name,
      targetNumberOfHours: try element.child("Target_Number_of_Hours").map { try int($0, of: owner) },
      qualifiedSubjects: element.child("Qualified_Subjects").map { $0.children("Qualified_Subject").map(\.text) },
      comments: element.child("Comments")?.text ?? "", line: element.line,
      otherFields: otherFields(element, known: ["Name", "Target_Number_of_Hours", "Qualified_Subjects", "Comments"]))
  }

  func year(_ element: FETElement) throws -> FETYear {
    let name = try requiredName(element, what: "a Year")
    let owner = "year \(fetQuoted(name))"
    var year = FETYear(
      name: name, numberOfStudents: try element.child("Number_of_Students").map { try int($0, of: owner) } ?? 0,
      separator: element.child("Separator")?.text, comments: element.child("Comments")?.text ?? "",
      line: element.line,
      otherFields: otherFields(
        element,
        known: ["Name", "Number_of_Students", "Group", "Separator", "Number_of_Categories", "Category", "Comments"]))
    for child in element.children {
      switch child.name {
      case "Group": year.groups.append(try group(child))
      case "Category": year.categories.append(child.children("Division").map(\.text))
      default: break
      }
    }
    return year
  }

  func group(_ element: FETElement) throws -> FETGroup {
    let name = try requiredName(element, what: "a Group")
    let owner = "group \(fetQuoted(name))"
    var group = FETGroup(
      name: name, numberOfStudents: try element.child("Number_of_Students").map { try int($0, of: owner) } ?? 0,
      comments: element.child("Comments")?.text ?? "", line: element.line,
      otherFields: otherFields(element, known: ["Name", "Number_of_Students", "Subgroup", "Comments"]))
    for child in element.children("Subgroup") {
      let subgroupName = try requiredName(child, what: "a Subgroup")
      group.subgroups.append(
        FETSubgroup(
          name: subgroupName,
          numberOfStudents: try child.child("Number_of_Students").map {
            try int($0, of: "subgroup \(fetQuoted(subgroupName))")
          } ?? 0,
          comments: child.child("Comments")?.text ?? "", line: child.line,
          otherFields: otherFields(child, known: ["Name", "Number_of_Students", "Comments"])))
    }
    return group
  }

  func activity(_ element: FETElement) throws -> FETActivity {
    guard let idElement = element.child("Id") else {
      throw failure(element.line, "an Activity has no Id (expected <Id>…</Id> in <Activity>)")
    }
    let id = try int(idElement, of: "an activity")
    let owner = "activity \(id)"
    guard let durationElement = element.child("Duration") else {
      throw failure(element.line, "activity \(id) has no Duration (expected <Duration>…</Duration>)")
    }
    let duration = try int(durationElement, of: owner)
    guard duration >= 1 else {
      throw failure(
        durationElement.line,
        "Duration of \(owner): expected a whole number of at least 1, found \(fetQuoted(durationElement.text))")
    }
    guard let subject = element.child("Subject") else {
      throw failure(element.line, "activity \(id) has no Subject (expected <Subject>…</Subject>)")
    }
    return FETActivity(
      id: id, teachers: element.children("Teacher").map(\.text), subject: subject.text,
      activityTags: element.children("Activity_Tag").map(\.text), students: element.children("Students").map(\.text),
      duration: duration, totalDuration: try element.child("Total_Duration").map { try int($0, of: owner) },
      activityGroupID: try element.child("Activity_Group_Id").map { try int($0, of: owner) } ?? 0,
      active: try element.child("Active").map { try bool($0, of: owner) } ?? true,
      numberOfStudents: try element.child("Number_Of_Students").map { try int($0, of: owner) },
      comments: element.child("Comments")?.text ?? "", line: element.line,
      otherFields: otherFields(
        element,
        known: [
          "Id", "Teacher", "Subject", "Activity_Tag", "Students", "Duration", "Total_Duration", "Activity_Group_Id",
          "Active", "Number_Of_Students", "Comments",
        ]))
  }

  func room(_ element: FETElement) throws -> FETRoom {
    let name = try requiredName(element, what: "a Room")
    let owner = "room \(fetQuoted(name))"
    let building = element.child("Building")?.text
    var room = FETRoom(
      name: name, building: building?.isEmpty == false ? building : nil,
      capacity: try element.child("Capacity").map { try int($0, of: owner) },
      isVirtual: try element.child("Virtual").map { try bool($0, of: owner) } ?? false,
      comments: element.child("Comments")?.text ?? "", line: element.line,
      otherFields: otherFields(
        element,
        known: [
          "Name", "Building", "Capacity", "Virtual", "Number_of_Sets_of_Real_Rooms", "Set_of_Real_Rooms", "Comments",
        ]))
    for set in element.children("Set_of_Real_Rooms") {
      let realRooms = set.children("Real_Room").map(\.text)
      if let count = set.child("Number_of_Real_Rooms"), try int(count, of: owner) != realRooms.count {
        throw failure(
          count.line, "Number_of_Real_Rooms of \(owner) is \(count.text) but the set lists \(realRooms.count) Real_Room"
        )
      }
      room.realRoomSets.append(realRooms)
    }
    if let count = element.child("Number_of_Sets_of_Real_Rooms"), try int(count, of: owner) != room.realRoomSets.count {
      throw failure(
        count.line,
        "Number_of_Sets_of_Real_Rooms of \(owner) is \(count.text) but the room has \(room.realRoomSets.count) Set_of_Real_Rooms"
      )
    }
    return room
  }

  // MARK: Constraints

  func constraint(_ element: FETElement, list: FETConstraint.List, index: Int) throws -> FETConstraint {
    let fields = flatten(element)
    var constraint = FETConstraint(
      kind: element.name, list: list, index: index, line: element.line, source: source, fields: fields)
    guard let weight = try constraint.double("Weight_Percentage") else {
      throw failure(
        element.line, "\(element.name) has no Weight_Percentage (expected <Weight_Percentage>…</Weight_Percentage>)")
    }
    constraint.weight = weight
    constraint.active = try constraint.bool("Active") ?? true
    constraint.comments = element.child("Comments")?.text ?? ""
    return constraint
  }

  /// The children of an element as fields, nested blocks flattened (recursively, each field keeping
  /// the direct child it came from as its block).
  func flatten(_ element: FETElement) -> [FETField] {
    var fields: [FETField] = []
    var blockIndex = 0
    for child in element.children {
      if child.children.isEmpty {
        fields.append(FETField(name: child.name, value: child.text, line: child.line))
      } else {
        appendLeaves(of: child, block: child.name, blockIndex: blockIndex, to: &fields)
        blockIndex += 1
      }
    }
    return fields
  }

  private func appendLeaves(of element: FETElement, block: String, blockIndex: Int, to fields: inout [FETField]) {
    for child in element.children {
      if child.children.isEmpty {
        fields.append(
          FETField(name: child.name, value: child.text, line: child.line, block: block, blockIndex: blockIndex))
      } else {
        appendLeaves(of: child, block: block, blockIndex: blockIndex, to: &fields)
      }
    }
  }

  /// The children not in `known`, flattened.
  func otherFields(_ element: FETElement, known: Set<String>) -> [FETField] {
    var other = element
    other.children.removeAll { known.contains($0.name) }
    return other.children.isEmpty ? [] : flatten(other)
  }

  // MARK: Values

  func int(_ element: FETElement, of owner: String) throws -> Int {
    try FETValue.int(FETField(name: element.name, value: element.text, line: element.line), of: owner, source: source)
  }

  func bool(_ element: FETElement, of owner: String) throws -> Bool {
    try FETValue.bool(FETField(name: element.name, value: element.text, line: element.line), of: owner, source: source)
  }
}
