import Foundation
import Planner

/// Timetables between Sabaq and FET: a FET placement names its day and hour by name and its
/// room by name (a virtual room with its real rooms); Sabaq's uses day keys, period numbers and
/// one room per requirement.
public enum FETTimetable {
  /// fet-cl's placements as a Sabaq timetable of the imported organisation.
  public static func timetable(from placements: [FETPlacement], organisation: Organisation) -> Timetable {
    let names = organisation.settings.dayNames ?? organisation.settings.schoolDays.map(\.rawValue)
    let dayKey = Dictionary(zip(names, organisation.settings.schoolDays), uniquingKeysWith: { a, _ in a })
    let hours = organisation.shifts.first?.periodNames ?? []
    let hourNumber = Dictionary(hours.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
    let activities = Dictionary((organisation.activities ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let result: [Placement] = placements.compactMap { p in
      let id = String(p.activityID)
      guard let day = dayKey[p.day], let period = hourNumber[p.hour], let activity = activities[id] else { return nil }
      let requirements = activity.rooms ?? []
      var rooms: [RoomID]
      if !p.realRooms.isEmpty {
        rooms = p.realRooms
      } else if let room = p.room, !room.isEmpty {
        rooms = [room]
      } else {
        rooms = []
      }
      // One room per requirement; an optional room FET left out is "".
      if rooms.count < requirements.count { rooms += Array(repeating: "", count: requirements.count - rooms.count) }
      if rooms.count > requirements.count { rooms = Array(rooms.prefix(requirements.count)) }
      return Placement(lesson: id, day: day, period: period, rooms: rooms)
    }
    return Timetable(organisation: organisation.id, period: organisation.studyPeriods.first?.id, placements: result)
  }

  /// A Sabaq timetable as FET placements, to lock them into the original file.
  public static func placements(from timetable: Timetable, organisation: Organisation, report: FETImportReport)
    -> [FETPlacement]
  {
    let names = organisation.settings.dayNames ?? organisation.settings.schoolDays.map(\.rawValue)
    let dayName = Dictionary(zip(organisation.settings.schoolDays, names), uniquingKeysWith: { a, _ in a })
    let hours = organisation.shifts.first?.periodNames ?? []
    return timetable.placements.compactMap { p in
      guard let id = Int(p.lesson), let day = dayName[p.day], p.period >= 1, p.period <= hours.count else { return nil }
      let rooms = p.rooms.filter { !$0.isEmpty }
      if let virtual = report.virtualRooms[p.lesson] {
        return FETPlacement(activityID: id, day: day, hour: hours[p.period - 1], room: virtual, realRooms: rooms)
      }
      return FETPlacement(activityID: id, day: day, hour: hours[p.period - 1], room: rooms.first)
    }
  }
}
