// Rooms re-chosen at once for the lessons on the days with a room clash, as a MIP solved by GLPK.
import Foundation
import Logging

/// Gives rooms at once to every placed lesson with a choice of rooms on the days where a chosen
/// room is shared, as a MIP solved by GLPK, with no lesson moved in time:
///
/// - `z[l,k,r]` = 1 when lesson l takes room r for its k-th requirement with a choice; each
///   requirement takes one room of its choice that is available in all the lesson's periods, or
///   none when the room is optional (at a small price);
/// - a lesson's requirements take different rooms;
/// - no room holds two lessons in a period and week parity (rooms a lesson needs without a choice
///   count as taken), with priced slack, so that every placement has a solution;
/// - keeping a room a lesson holds now is cheaper than changing it.
///
/// `RoomMatching` matches rooms slot by slot and keeps the rooms of double lessons, so a double
/// lesson holding the one room a single lesson could have stays a clash. Here a double lesson's
/// room is chosen together with all others: given the times of FET's own timetable of its German
/// example GYR, slot-by-slot matching left four room clashes, and this leaves none.
///
/// The result is kept only when the search state's full evaluation finds it better (fewer hard
/// violations, or as many and less soft cost), so rules on rooms that the MIP does not model
/// (preferred rooms that are soft, room changes) are still respected.
struct RoomAssignment {
  let state: SearchState
  /// Its prices and GLPK's node limit (`SearchParameters.Rooms`).
  let parameters: SearchParameters.Rooms
  /// Where a line per solve goes (debug level).
  let logger: Logger?

  init(state: SearchState, parameters: SearchParameters = SearchParameters(), logger: Logger? = nil) {
    self.state = state
    self.parameters = parameters.rooms
    self.logger = logger
  }

  /// The days on which a room chosen for a placed lesson holds another lesson too.
  var daysWithRoomClash: Set<Int> {
    let model = state.model
    var days = Set<Int>()
    for (b, members) in model.blockLessons.enumerated() where state.isPlaced(b) {
      let s = Int(state.start[b])
      guard !days.contains(s / model.periods) else { continue }
      let shares = members.contains { l in
        (0..<model.duration[Int(l)]).contains { state.sharesChosenRoom(Int(l), at: s + $0) }
      }
      if shares { days.insert(s / model.periods) }
    }
    return days
  }

  /// Re-chooses the rooms of the lessons on the days with a room clash when that makes the
  /// timetable better; returns whether it did. `false` also when there is no room clash, or GLPK
  /// found no assignment within `timeLimit` seconds.
  @discardableResult
  func improve(timeLimit: Double) -> Bool {
    let days = daysWithRoomClash
    guard !days.isEmpty else { return false }
    let before = state.cost
    let snapshot = state.snapshot()
    let clock = Date()
    let rooms = try? solve(days: days, timeLimit: timeLimit)
    logger?.debug(
      "rooms: \(rooms?.count ?? -1) requirements on \(days.count) days in \(String(format: "%.2f", Date().timeIntervalSince(clock))) s"
    )
    guard let rooms else { return false }
    var changed = false
    for (requirement, room) in rooms where state.chosenRooms[requirement.lesson][requirement.choice] != room {
      state.setRoom(lesson: requirement.lesson, choice: requirement.choice, room: room)
      changed = true
    }
    guard changed else { return false }
    if state.cost < before { return true }
    state.restore(snapshot)
    return false
  }

  struct Requirement {
    var lesson: Int
    var choice: Int
  }

  /// The room for each requirement with a choice of the lessons on `days` (-1: without its
  /// optional room). Rooms held by lessons on other days do not matter: a lesson keeps its room
  /// through its periods, which are on one day.
  func solve(days: Set<Int>, timeLimit: Double) throws -> [(requirement: Requirement, room: Int32)]? {
    let model = state.model
    let base = model.teacherCount + model.unitCount
    let lp = LinearProgram()
    // Rooms held without a choice, by (room, slot, parity).
    var fixedLoad: [Int: Int] = [:]
    var requirements: [Requirement] = []
    var options: [[(room: Int32, variable: LinearProgram.Variable)]] = []
    var without: [LinearProgram.Variable?] = []
    var cover: [Int: [LinearProgram.Variable]] = [:]
    func cell(_ room: Int32, _ slot: Int, _ k: Int) -> Int { (Int(room) * model.slots + slot) * 2 + k }
    for (b, members) in model.blockLessons.enumerated()
    where state.isPlaced(b) && days.contains(Int(state.start[b]) / model.periods) {
      let s = Int(state.start[b])
      for l in members {
        let lesson = Int(l)
        let length = model.duration[lesson]
        let parity = model.parity[lesson]
        for room in model.fixedResources[lesson] where Int(room) >= base {
          for q in 0..<length {
            for k in 0..<2 where parity & (1 << k) != 0 { fixedLoad[cell(room, s + q, k), default: 0] += 1 }
          }
        }
        for (choice, rooms) in model.roomChoices[lesson].enumerated() {
          let held = state.chosenRooms[lesson][choice]
          var vars: [(room: Int32, variable: LinearProgram.Variable)] = []
          func option(_ room: Int32) throws {
            let z = try lp.addVariable(.binary, cost: room == held ? 0 : 1)
            vars.append((room, z))
            for q in 0..<length {
              for k in 0..<2 where parity & (1 << k) != 0 { cover[cell(room, s + q, k), default: []].append(z) }
            }
          }
          for room in rooms where !model.isRoomClosed(room, from: s, length: length) { try option(room) }
          // A room held now stays a possibility, even where it is not available.
          if held >= 0, !vars.contains(where: { $0.room == held }) { try option(held) }
          var none: LinearProgram.Variable?
          if model.roomOptional[lesson][choice] || vars.isEmpty {
            none = try lp.addVariable(.binary, cost: parameters.withoutPrice)
          }
          let terms = vars.map { ($0.variable, 1.0) } + (none.map { [($0, 1.0)] } ?? [])
          try lp.addConstraint(terms, .equal, 1)
          requirements.append(Requirement(lesson: lesson, choice: choice))
          options.append(vars)
          without.append(none)
        }
        // Two requirements of one lesson do not take one room.
        if model.roomChoices[lesson].count > 1 {
          var byRoom: [Int32: [LinearProgram.Variable]] = [:]
          for i in (requirements.count - model.roomChoices[lesson].count)..<requirements.count {
            for option in options[i] { byRoom[option.room, default: []].append(option.variable) }
          }
          for (_, vars) in byRoom.sorted(by: { $0.key < $1.key }) where vars.count > 1 {
            try lp.addConstraint(vars.map { ($0, 1.0) }, .lessOrEqual, 1)
          }
        }
      }
    }
    guard !requirements.isEmpty else { return [] }
    for key in cover.keys.sorted() {
      let vars = cover[key]!
      let free = 1 - (fixedLoad[key] ?? 0)
      guard vars.count > max(free, 0) else { continue }
      let slack = try lp.addVariable(.continuous, lower: 0, cost: parameters.roomClashPrice)
      try lp.addConstraint(vars.map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(free))
    }
    let start = try startingSolution(
      lp, requirements: requirements, options: options, without: without, timeLimit: timeLimit)
    var settings = SolveOptions(timeLimit: timeLimit)
    settings.nodeLimit = parameters.nodeLimit
    if let start { settings.startingSolution = start }
    let solution = try lp.solve(settings)
    guard solution.hasSolution else { return nil }
    return requirements.enumerated().map { i, requirement in
      (requirement, options[i].first { solution.values[$0.variable.index] > 0.5 }?.room ?? -1)
    }
  }

  /// The rooms held now, completed by an LP into a starting solution (nil when the LP finds none).
  private func startingSolution(
    _ lp: LinearProgram, requirements: [Requirement], options: [[(room: Int32, variable: LinearProgram.Variable)]],
    without: [LinearProgram.Variable?], timeLimit: Double
  ) throws -> [Double]? {
    var held: [Int: Double] = [:]
    for (i, requirement) in requirements.enumerated() {
      let room = state.chosenRooms[requirement.lesson][requirement.choice]
      if let option = options[i].first(where: { $0.room == room }) {
        held[option.variable.index] = 1
      } else if let none = without[i] {
        held[none.index] = 1
      }
    }
    let binaries = options.flatMap { $0.map(\.variable) } + without.compactMap { $0 }
    for z in binaries { try lp.setBounds(z, lower: held[z.index] ?? 0, upper: held[z.index] ?? 0) }
    let completion = try? lp.solve(SolveOptions(timeLimit: timeLimit))
    for z in binaries { try lp.setBounds(z, lower: 0, upper: 1) }
    guard let completion, completion.hasSolution else { return nil }
    return completion.values
  }
}
