import Foundation

/// Where one activity was placed: by id, day and hour names, and room (FET's own words).
public struct FETPlacement: Sendable, Equatable, Hashable {
  /// The activity's `Id`.
  public var activityID: Int
  /// The day name (as in `Days_List`).
  public var day: String
  /// The starting hour name (as in `Hours_List`).
  public var hour: String
  /// The room name, nil when the activity has no room.
  public var room: String?
  /// For a virtual room, the real rooms taken (one from each of its sets); empty otherwise.
  public var realRooms: [String]

  public init(activityID: Int, day: String, hour: String, room: String? = nil, realRooms: [String] = []) {
    self.activityID = activityID
    self.day = day
    self.hour = hour
    self.room = room
    self.realRooms = realRooms
  }
}

/// fet-cl's placement output, `DIR/timetables/NAME/NAME_activities.xml`:
///
/// ```xml
/// <Activities_Timetable>
/// <Activity>
///   <Id>1</Id> <Day>Monday</Day> <Hour>08:00</Hour> <Room>R1</Room> [<Real_Room>…</Real_Room>…]
/// </Activity>
/// …
/// </Activities_Timetable>
/// ```
///
/// An empty `<Room>` means no room.
public enum FETActivitiesTimetable {
  /// Reads the placements in the file at `path`, in file order.
  public static func read(path: String) throws -> [FETPlacement] {
    let data: Data
    do {
      data = try InputFile.read(path)
    } catch let problem as InputFile.Problem {
      throw FETFormatError(file: path, line: nil, message: problem.message)
    }
    return try parse(data: data, source: path)
  }

  /// Reads placements from the bytes of an `_activities.xml` file; `source` names it in messages.
  public static func parse(data: Data, source: String = "activities.xml") throws -> [FETPlacement] {
    let root = try FETXMLTree.parse(data, source: source)
    guard root.name == "Activities_Timetable" else {
      throw FETFormatError(
        file: source, line: root.line,
        message: "the root element is <\(root.name)>, expected <Activities_Timetable> (fet-cl's NAME_activities.xml)")
    }
    var placements: [FETPlacement] = []
    for element in root.children where element.name == "Activity" {
      guard let idElement = element.child("Id") else {
        throw FETFormatError(file: source, line: element.line, message: "an Activity has no Id")
      }
      let id = try FETValue.int(
        FETField(name: "Id", value: idElement.text, line: idElement.line), of: "an activity", source: source)
      guard let day = element.child("Day") else {
        throw FETFormatError(file: source, line: element.line, message: "activity \(id) has no Day")
      }
      guard let hour = element.child("Hour") else {
        throw FETFormatError(file: source, line: element.line, message: "activity \(id) has no Hour")
      }
      let room = element.child("Room")?.text
      placements.append(
        FETPlacement(
          activityID: id, day: day.text, hour: hour.text, room: room?.isEmpty == false ? room : nil,
          realRooms: element.children("Real_Room").map(\.text)))
    }
    return placements
  }
}
