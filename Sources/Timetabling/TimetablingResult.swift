// The structured result of a solve, and its comparison with a previous timetable.
import Checker
import Interchange
import Planner

/// Everything a solve found, as values: what `sabaq solve` prints and writes, a server stores and
/// a benchmark tabulates.
public struct TimetablingResult: Codable, Sendable {
  public var organisation: OrganisationID
  public var period: PeriodID?
  public var timetable: Timetable
  /// The independent checker's report on the timetable.
  public var check: CheckReport
  /// Whether the timetable has no hard violation (by the checker).
  public var feasible: Bool
  /// What counting found before the search.
  public var diagnosisBefore: [PlanningIssue]
  /// The hard violations left and what blocks each lesson in trouble (empty when none is left).
  public var diagnosisAfter: [String]
  /// Lessons whose day or period differs from the previous timetable's (a re-solve only).
  public var moves: [LessonMove]?
  /// Lessons at the same time as in the previous timetable but in other rooms (a re-solve only).
  public var roomChanges: [RoomChange]?
  /// Seconds to the first timetable with no hard violation, if one was found.
  public var secondsToFirstTimetable: Double?
  /// Seconds to the first one that also keeps FET's strong soft rules (a FET file only; for
  /// other input the same as `secondsToFirstTimetable`).
  public var secondsToStrongRules: Double?
  /// Seconds the solve took in all.
  public var seconds: Double
  /// The process's peak resident memory by the end of the solve, in MiB.
  public var peakMemoryMiB: Int
  /// The seeds of the searches, the first being the one asked for.
  public var seeds: [UInt64]
  /// Rounds of the (winning) search, GLPK neighbourhoods solved and those that improved.
  public var rounds: Int
  public var mipNeighbourhoods: Int
  public var mipImprovements: Int
  /// Lessons of the demand the solver could not place anywhere.
  public var unplacedLessons: [String]
  /// Lessons in the demand.
  public var lessons: Int
  /// The FET import's report, when the input was a FET file.
  public var fetImport: FETImportReport?
}

/// A lesson that moved from the previous timetable to another day or period.
public struct LessonMove: Codable, Hashable, Sendable {
  public var lesson: String
  public var from: TimeSlot
  public var to: TimeSlot
}

/// A lesson that kept its time but changed rooms.
public struct RoomChange: Codable, Hashable, Sendable {
  public var lesson: String
  public var from: [RoomID]
  public var to: [RoomID]
}

extension Timetable {
  /// The lessons placed at another time in `self` than in `previous`, and those at the same time
  /// in other rooms, in the order of `self`. Lessons placed in only one of the two are neither.
  public func changes(since previous: Timetable) -> (moves: [LessonMove], roomChanges: [RoomChange]) {
    let before = Dictionary(previous.placements.map { ($0.lesson, $0) }, uniquingKeysWith: { a, _ in a })
    var moves: [LessonMove] = []
    var rooms: [RoomChange] = []
    for now in placements {
      guard let then = before[now.lesson] else { continue }
      if then.day != now.day || then.period != now.period {
        moves.append(
          LessonMove(
            lesson: now.lesson, from: TimeSlot(day: then.day, period: then.period),
            to: TimeSlot(day: now.day, period: now.period)))
      } else if then.rooms != now.rooms {
        rooms.append(RoomChange(lesson: now.lesson, from: then.rooms, to: now.rooms))
      }
    }
    return (moves, rooms)
  }
}
