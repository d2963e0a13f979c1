import Checker
import Foundation
import Interchange
import Planner
import Timetabling

/// A version of an organisation's timetable: a draft from a solve, then published (immutable from
/// then on), then superseded when another is published (kept in the history).
public struct TimetableVersion: Codable, Hashable, Sendable {
  public enum State: String, Codable, Sendable {
    case draft, published, superseded
  }

  public var id: Int
  /// 1, 2, 3… within the organisation.
  public var number: Int
  public var academicYear: String
  public var period: String?
  public var state: State
  /// The plan revision the timetable was built from.
  public var planRevision: Int
  public var hardViolations: Int
  public var createdAt: Date
  public var createdBy: String
  public var publishedAt: Date?
  public var publishedBy: String?
}

/// What a solve said about the version, kept with it.
public struct VersionSummary: Codable, Hashable, Sendable {
  public var feasible: Bool
  public var hardViolations: Int
  public var softCost: Int
  public var lessons: Int
  public var unplacedLessons: [String]
  public var seconds: Double
  public var secondsToFirstTimetable: Double?
  public var seeds: [UInt64]
  public var rounds: Int
  public var diagnosisBefore: [PlanningIssue]
  public var diagnosisAfter: [String]

  init(_ result: TimetablingResult) {
    feasible = result.feasible
    hardViolations = result.check.summary.hardViolationCount
    softCost = result.check.softCost.total
    lessons = result.lessons
    unplacedLessons = result.unplacedLessons
    seconds = result.seconds
    secondsToFirstTimetable = result.secondsToFirstTimetable
    seeds = result.seeds
    rounds = result.rounds
    diagnosisBefore = result.diagnosisBefore
    diagnosisAfter = result.diagnosisAfter
  }
}

/// A version with its timetable, the checker's report and the solve's summary.
public struct VersionContent: Sendable {
  public var version: TimetableVersion
  public var timetable: Timetable
  public var check: CheckReport
  public var summary: VersionSummary
}

/// Whose week: a teacher's, a class's or a room's (by their ids in the plan).
public enum TimetableHolder: Hashable, Sendable {
  case teacher(String)
  case `class`(String)
  case room(String)

  var kind: String {
    switch self {
    case .teacher: "teacher"
    case .class: "class"
    case .room: "room"
    }
  }

  var key: String {
    switch self {
    case .teacher(let id), .class(let id), .room(let id): id
    }
  }
}

/// The differences between two versions, lesson by lesson and summed per teacher and class.
public struct VersionDiff: Codable, Hashable, Sendable {
  public var from: Int
  public var to: Int
  public var moves: [LessonMove]
  public var roomChanges: [RoomChange]
  /// Lessons in `to` only, and in `from` only.
  public var added: [String]
  public var removed: [String]
  /// How many lessons moved or changed rooms, per teacher id and per class id.
  public var byTeacher: [String: Int]
  public var byClass: [String: Int]
}
