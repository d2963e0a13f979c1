// Bell schedules computed with GLPK from the shifts' bell rules (lesson starts, breaks, handovers).
import Planner

/// Computes bell schedules with GLPK from the shifts' bell rules.
///
/// One track per shift and lesson length (a first grade of 35-minute lessons has its own bells).
/// For track *i* with lessons of *L* minutes: integer `m[k]` with the lesson's start `5·m[k]`
/// (bells ring at five-minute marks), binary `z[k]` when a long break follows lesson *k*:
///
///     5·m[k+1] ≥ 5·m[k] + L + minimumBreak + (longBreak − minimumBreak)·z[k],   Σ z = long breaks
///     5·m[1] = start (≥ start for a shift that follows another),  5·m[n] + L ≤ latest end
///     5·m[later] ≥ 5·m[earlier] + L' + gap   for every room handover between shifts
///
/// minimising the end of every day, breaks beyond the preferred length, and long breaks away from
/// the middle of the day (meals fall mid-shift).
public enum BellScheduleSolver {
  public struct Result: Sendable {
    public var schedules: [BellSchedule]
    public var seconds: Double
  }

  public static func solve(_ organisation: Organisation, shifts: [ShiftID]? = nil, handovers: [RoomHandover]? = nil)
    throws -> Result
  {
    let allRules = (organisation.bellRules ?? []).filter { shifts?.contains($0.shift) ?? true }
    guard !allRules.isEmpty else {
      throw BellScheduleError.noRules(
        "no bell rules\(shifts.map { " for shift \($0.joined(separator: ", "))" } ?? ""); add `bellRules` to the organisation"
      )
    }
    let lp = LinearProgram()
    var tracks: [Track] = []
    for rules in allRules {
      guard let shift = organisation.shift(rules.shift) else {
        throw BellScheduleError.noRules("no shift \"\(rules.shift)\"")
      }
      let grades = Set(organisation.classes.filter { $0.shift == shift.id }.map(\.grade))
      var bands: [Int: [Int]] = [:]
      for grade in grades.sorted() { bands[rules.minutes(forGrade: grade), default: []].append(grade) }
      if bands.isEmpty { bands[rules.minutes(forGrade: 5)] = [] }
      for (minutes, bandGrades) in bands.sorted(by: { $0.key > $1.key }) {
        let starts = try addTrack(lp, shift: shift, rules: rules, minutes: minutes)
        tracks.append(
          Track(
            shift: shift, rules: rules, grades: bands.count > 1 ? bandGrades : nil, minutes: minutes, starts: starts))
      }
    }
    try addHandovers(lp, tracks: tracks, handovers: handovers ?? RoomHandover.defaults(for: organisation))
    let solution = try lp.solve(SolveOptions(timeLimit: 30))
    guard solution.hasSolution else {
      let ends = allRules.compactMap { r in
        r.latestEnd.map { "\(organisation.shift(r.shift)?.name ?? r.shift) by \($0)" }
      }
      throw BellScheduleError.infeasible(
        "no bell schedule satisfies the rules: the lessons, breaks and changeovers do not fit\(ends.isEmpty ? "" : " (ending \(ends.joined(separator: ", ")))"); allow a later end, shorter breaks or fewer lessons"
      )
    }
    let schedules = tracks.map { track in
      BellSchedule(
        shift: track.shift.id, grades: track.grades,
        lessons: track.starts.enumerated().map { k, variable in
          let start = Int(solution.value(of: variable).rounded()) * 5
          return BellLesson(
            number: k + 1, start: ClockTime(minutes: start), end: ClockTime(minutes: start + track.minutes))
        })
    }
    return Result(schedules: schedules, seconds: solution.seconds)
  }

  /// One shift's lessons of one length.
  private struct Track {
    var shift: Shift
    var rules: BellRules
    var grades: [Int]?
    var minutes: Int
    var starts: [LinearProgram.Variable]
  }

  /// The start variables of a track of lessons of `minutes` minutes, with its rows: the first
  /// start, short and long breaks, the number of long breaks, the latest end.
  private static func addTrack(_ lp: LinearProgram, shift: Shift, rules: BellRules, minutes: Int) throws
    -> [LinearProgram.Variable]
  {
    let n = shift.lessonsPerDay
    let starts = try (0..<n).map { k in
      try lp.addVariable(.integer, lower: 0, upper: 288, name: "m\(shift.id)_\(minutes)_\(k + 1)")
    }
    // The day's end costs, so nothing is stretched without need.
    try lp.setCost(starts[n - 1], 5)
    let first = Double(rules.start.minutes) / 5
    if rules.follows == nil {
      try lp.addConstraint([(starts[0], 5)], .equal, Double(rules.start.minutes))
    } else {
      try lp.addConstraint([(starts[0], 1)], .greaterOrEqual, first.rounded(.up))
    }
    var longs: [LinearProgram.Variable] = []
    let middle = Double(n) / 2
    for k in 0..<(n - 1) {
      var terms: [(LinearProgram.Variable, Double)] = [(starts[k + 1], 5), (starts[k], -5)]
      if rules.longBreakAfter.contains(k + 1) {
        let z = try lp.addVariable(.binary, cost: abs(Double(k + 1) - middle) * 2)
        longs.append(z)
        terms.append((z, -Double(rules.longBreakMinutes - rules.minimumBreak)))
      }
      try lp.addConstraint(terms, .greaterOrEqual, Double(minutes + rules.minimumBreak))
      if let preferred = rules.preferredBreak {
        // Minutes of a short break beyond the preferred length cost a little.
        let excess = try lp.addVariable(.continuous, lower: 0, cost: 0.5)
        try lp.addConstraint(
          [(starts[k + 1], 5), (starts[k], -5), (excess, -1)]
            + (rules.longBreakAfter.contains(k + 1) ? [(longs.last!, -Double(rules.longBreakMinutes))] : []),
          .lessOrEqual, Double(minutes + preferred))
      }
    }
    if rules.longBreaks > 0 {
      guard longs.count >= rules.longBreaks else {
        throw BellScheduleError.infeasible(
          "\(shift.name): \(rules.longBreaks) long breaks are asked for but they may follow only lessons \(rules.longBreakAfter.map(String.init).joined(separator: ", "))"
        )
      }
      try lp.addConstraint(longs.map { ($0, 1.0) }, .equal, Double(rules.longBreaks))
    }
    if let latest = rules.latestEnd {
      try lp.addConstraint([(starts[n - 1], 5)], .lessOrEqual, Double(latest.minutes - minutes))
    }
    return starts
  }

  /// Changeovers between shifts: a later shift's lesson starts after the earlier shift's lesson
  /// in the same rooms ends, and the gap.
  private static func addHandovers(_ lp: LinearProgram, tracks: [Track], handovers: [RoomHandover]) throws {
    for handover in handovers {
      for later in tracks where later.shift.id == handover.toShift {
        let gap = Double(later.rules.gapAfterPreviousShift ?? 0)
        for earlier in tracks where earlier.shift.id == handover.fromShift {
          guard handover.fromLesson >= 1, handover.fromLesson <= earlier.starts.count, handover.toLesson >= 1,
            handover.toLesson <= later.starts.count
          else { continue }
          try lp.addConstraint(
            [(later.starts[handover.toLesson - 1], 5), (earlier.starts[handover.fromLesson - 1], -5)], .greaterOrEqual,
            Double(earlier.minutes) + gap)
        }
      }
    }
  }
}

/// Bell rules that cannot be met.
public enum BellScheduleError: Error, CustomStringConvertible, Sendable {
  case noRules(String)
  case infeasible(String)

  public var description: String {
    switch self {
    case .noRules(let m), .infeasible(let m): return m
    }
  }
}
