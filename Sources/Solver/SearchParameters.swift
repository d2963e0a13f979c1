// The solver's tuning in one value: every number the search is tuned by, with the value it was
// tuned to as the default. A partial JSON object keeps the defaults of the keys it leaves out; an
// unknown key is an error that names it.

/// The search's tuning. The defaults were chosen on the shipped instances and on FET's
/// development set (see the README's bench); change them for experiments through
/// `SolveSettings.parameters`. The library reads them from here only, never from the environment.
public struct SearchParameters: Sendable, Codable, Equatable {
  /// Simulated annealing: temperatures, lengths and the weight of a hard violation, while
  /// repairing (hard violations left) and while optimising (none left).
  public var annealing = Annealing()
  /// How the local search chooses and sizes its moves.
  public var moves = Moves()
  /// The rounds of the search: restarts, kicks and the end.
  public var rounds = Rounds()
  /// The constructive start.
  public var construction = Construction()
  /// GLPK's neighbourhoods (fix-and-optimize): when they run, their size and GLPK's options.
  public var neighbourhoods = Neighbourhoods()
  /// The MIP that re-chooses rooms (`RoomAssignment`).
  public var rooms = Rooms()
  /// How the compiled model weighs rules.
  public var model = Model()

  public init() {}

  public struct Annealing: Sendable, Codable, Equatable {
    /// Temperature at the start of a repairing round (in scalar cost units). Was `SABAQ_T0`.
    public var repairStartTemperature = 750.0
    /// Temperature at the end of a repairing round. Was `SABAQ_T1`.
    public var repairEndTemperature = 50.0
    /// Steps of a repairing round per block of the timetable. Was `SABAQ_STEPS`.
    public var repairStepsPerBlock = 40
    /// Weight of one hard violation against the soft cost while repairing. Was `SABAQ_HW`.
    public var repairHardWeight = 1500
    /// End temperature of a repairing round in a re-solve (which starts at the perturbation
    /// weight, the price of moving a lesson, so that lessons stay).
    public var calmRepairEndTemperature = 2.0
    /// Weight of one hard violation while optimising a timetable with none: a move that breaks a
    /// hard rule is never worth it.
    public var optimisingHardWeight = 1_000_000
    /// Temperature at the start of an optimising round.
    public var optimisingStartTemperature = 4.0
    /// Start temperature of an optimising round in a re-solve (kept below the price of a move).
    public var calmOptimisingStartTemperature = 2.0
    /// Temperature at the end of an optimising round.
    public var optimisingEndTemperature = 0.2
    /// Steps of an optimising round per block.
    public var optimisingStepsPerBlock = 40
    /// Weight of one hard violation in a local search whose caller has not set one (the solver
    /// always sets the repairing or optimising weight before a round).
    public var initialHardWeight = 1000
    /// Steps of the repair between raisings of the breakout weights, when the hard violations
    /// have not fallen since the last look (0: no breakout weights). Was `SABAQ_BREAKOUT`.
    public var breakoutEvery = 1000
    /// Whether the breakout weights rise on the broken hard rules of class days and of teachers'
    /// and units' days and weeks too (gaps, hours a day, days a week), not only on clashes and
    /// rules on groups of lessons.
    public var breakoutOnDayRules = true
    /// Temperature of a kick's exchanges: high enough to take any of them, whatever it costs.
    public var kickTemperature = 1e12
    /// What each lesson of the shadow of a hard maximum of days weighs, in quarters of a hard unit
    /// (0: no shadow; see `SearchState.refreshDaysShadow`).
    public var daysShadowQuarters = 4
    /// Whether a broken hard rule that a lesson must end its students' day also costs the search
    /// (never the true cost) one hard unit for each period but one that their day runs on past
    /// it, and a breakout weight where it persists: the count alone (one violation, whatever
    /// follows the lesson) gives the search no way towards the end of the day. On: in stop 39
    /// (the nine other official files with the rule, 60 s, seeds 1-2) it solved 16 runs of 18
    /// against 11, and Eng_College (120 s, seeds 1-8) 8 of 8 against 7, median 18 s against 77.
    public var endsDayDistance = true

    public init() {}
  }

  public struct Moves: Sendable, Codable, Equatable {
    /// Prior weight of each kind of move, in the order of `MoveKind` (move, swap, chain, ruin and
    /// recreate, best swap, shift, best chain, empty a day): eight numbers.
    public var baseWeights: [Double] = [4, 4, 2, 1, 1, 2, 1, 1]
    /// The least rate of a kind of move, as a share of the best paying kind's rate.
    public var shareFloor = 0.1
    /// The same for ruin and recreate (whose tries cost hundreds of moves). Was `SABAQ_RF`.
    public var ruinFloor = 0.02
    /// Choose kinds of move so that their shares of the work (not of the tries) follow their
    /// rates. Off: on GYR it halves the violations left after a minute, but on Greece and Russia
    /// it was slower on one seed of two (see the stop-9 note). Was `SABAQ_COSTSHARE`.
    public var costScaledChoice = false
    /// Steps between halvings of the moves' recent work, improvements and tries.
    public var rateHalvingSteps = 2000
    /// Steps between recomputations of the list of blocks in trouble while repairing.
    public var troubledRefreshSteps = 200
    /// Out of ten steps while repairing, how many start from a block in trouble.
    public var troubledPickTenths = 7
    /// Cap on the age of the list of blocks in trouble (and the age a round starts with, so that
    /// the list is made at once).
    public var troubledAgeCap = 1_000_000
    /// Steps during which a block may not return to a slot a best swap took it from.
    public var tabuTenure = 30
    /// Partners a best swap tries at most (a sample when there are more).
    public var bestSwapSample = 30
    /// Target slots a best chain tries at most.
    public var bestChainSample = 16
    /// Blocks a Kempe chain may move at most.
    public var chainLimit = 32
    /// Blocks a ruin and recreate takes out at most.
    public var ruinLimit = 40
    /// Random lessons of the block's class on other days that a ruin takes out too.
    public var ruinExtraLessons = 4
    /// Placements with eviction per ruined block when a ruin is recreated.
    public var recreateBudgetPerBlock = 8
    /// A ruin around a lesson too close to another under a hard rule of days between lessons
    /// first sends it to a slot on a day apart from them (`LocalSearch.slotApart`), moving what is
    /// in its way there: recreated around its old day, it goes back to the same day when every
    /// other day is full.
    public var ruinSendsApart = true

    public init() {}
  }

  public struct Rounds: Sendable, Codable, Equatable {
    /// Rounds without fewer hard violations before the search starts again (alternately from a
    /// kicked copy of its best timetable and from a new construction). Was `SABAQ_RESTART`.
    public var restartAfter = 8
    /// Rounds without a better timetable after which a feasible search ends.
    public var staleLimit = 12
    /// A kick exchanges the slots of one block in this many (at least `kickLeast`).
    public var kickDivisor = 40
    /// The least number of exchanges of a kick.
    public var kickLeast = 4
    /// While repairing, a round that finds no better timetable hands the next round its own end
    /// instead of the best timetable so far, when its end has at most `repairRoundEndSlack` hard
    /// violations more than the best (off, as before stop 40: every round starts from the best;
    /// a re-solve always does).
    public var repairFromRoundEnd = true
    /// See `repairFromRoundEnd`.
    public var repairRoundEndSlack = 3

    public init() {}
  }

  public struct Construction: Sendable, Codable, Equatable {
    /// The price of a clash when a block is placed without eviction.
    public var clashWeight = 100
    /// The price of breaking a rule (evicting a lesson costs 400 and more). Was `SABAQ_CRULE`.
    public var ruleWeight = 3000
    /// Evicting a block costs `clashWeight × (evictionBase + evictionGrowth × evictions so far)`.
    public var evictionBase = 4
    /// See `evictionBase`: the growing price of evicting the same block again stops cycling.
    public var evictionGrowth = 3
    /// Placements with eviction per block of the timetable; after them, the cheapest slot.
    public var evictionBudgetPerBlock = 30
    /// A first construction still making progress goes on evicting: for this many placements per
    /// block after the last time its hard cost (lessons left unplaced, rules broken) was lower
    /// than ever before (0: the budget is `evictionBudgetPerBlock` alone)… Stop 32 measured 20
    /// against 0 (seeds 1–3, 60 s, 11 FET files): Bethlen-2008-2009 solved in 4.5, 42.8 and 7.6 s
    /// (none of three before), DGS_Pro_Germany's third seed 3.1 s (30.4), NamibiaPSY16T1f 0.4,
    /// 2.8, 1.2 s (2.6, 3.7, 0.9); German_subact_constr's first seed and CONCORDIA's second lost.
    public var evictionBudgetAfterProgress = 20
    /// …up to this many placements per block in all.
    public var evictionBudgetMostPerBlock = 90
    /// Move lessons too close under a hard rule of days between lessons out of the way (off: the
    /// broken rule is priced instead). Was `SABAQ_KEEP_TOO_CLOSE` (set: off).
    public var evictTooClose = true
    /// The least number of teachers, student units and fixed rooms of a block that evicts lessons
    /// too close to it (0: every block). It was 3 (the wide blocks of course systems and bands
    /// only) after evicting for every block had slowed Greece's Gymnasio (38 s against 11 s,
    /// median of three seeds, with an earlier search). Stop 29 measured
    /// again (one seed, 90–120 s, the same run): every block evicting is faster on the files whose
    /// hard rules are mostly days between lessons (Namibia's NamibiaPSY16T1f 5.5 s against 13.1,
    /// NehaleSS 1.2 against 3.9, MAPSY16T1d 0.4 against 1.6, ConcordiaY2016T2a 4.2 against 11.9,
    /// Gymnasio now 10.6 against 29.0), solves DGS_Pro_Germany (68 s; 1 hard violation left at
    /// 120 s before), and is slower on dgspro200809 (75 s against 32). Was `SABAQ_CLOSE_WIDTH`.
    public var closeWidth = 0
    /// A block placed on a day that takes a teacher or unit over a hard maximum of days empties
    /// the lightest other working day of it (its lessons go back to the queue) rather than
    /// breaking the rule.
    public var emptyDayOverMaxDays = true
    /// The cheapest slots with evictions (by the placed block's own rules and the evictions'
    /// price) that are priced again with the evicted blocks taken out, so that the rules their
    /// removal breaks or mends (a hole left in another class's day, a teacher's day under its
    /// minimum) count too; the cheapest of them all is taken (0: none priced again). Off: stop 33
    /// measured 4 against 0 and found it better on some files and worse on others. Seeds 1–4,
    /// 60 s, 13 FET files: time to a first timetable 0.85 of 0 (geometric mean), as many solved;
    /// Belize's test-2012 6.0 s against 28.4, sacred_heart_college solved on 3 seeds of 4 (1),
    /// DGS_Pro_Germany 14.3 against 4.0. Seeds 1–3, 45 s: Brazil 1.5–2.3 s against 0.0–0.4,
    /// DGS_Pro_Germany 15–27 s against 2–7. The broad bench with 4 (one seed, 120 s) solved GYR
    /// and Khoi-chieu and lost sacred_heart_college, and took 1.74 times stop 32's time over 23
    /// files (fet-cl 1.19). Every slot priced whole was slower still (its construction 3–8 times).
    public var evictingSlotsPricedWhole = 0

    public init() {}
  }

  public struct Neighbourhoods: Sendable, Codable, Equatable {
    /// GLPK's time, as a share of the time the search has spent outside it.
    public var timeShare = 0.5
    /// Stale rounds after which GLPK runs whatever its share.
    public var staleRounds = 2
    /// While repairing, neighbourhoods in a row that removed no violation after which GLPK runs
    /// only every `missedEvery`-th round…
    public var repairMisses = 2
    /// …see `repairMisses`.
    public var missedEvery = 5
    /// …unless this many hard violations or fewer are left.
    public var fewHardLeft = 2
    /// The least seconds a neighbourhood gets, however young the search. Was `SABAQ_MIP_LEAST`.
    public var leastSeconds = 0.25
    /// Seconds a neighbourhood must have left to be solved at all.
    public var leastRemaining = 0.2
    /// Seconds of the LP that completes the current placement into a starting solution.
    public var completionTimeLimit = 5.0
    /// Placement variables of the first neighbourhood; the size grows when sub-problems solve
    /// fast and shrinks when not. Was `SABAQ_MIP_SIZE`.
    public var startSize = 1200
    /// The least size.
    public var leastSize = 400
    /// The greatest size.
    public var mostSize = 8000
    /// Factor of the size after a neighbourhood without a solution.
    public var shrinkWithoutSolution = 0.8
    /// Factor after an optimal solution found in less than a `fastDivisor`-th of the time limit.
    public var growWhenFast = 1.25
    /// See `growWhenFast`.
    public var fastDivisor = 3.0
    /// Factor after a solution that is not proven optimal.
    public var shrinkWhenNotOptimal = 0.85
    /// Placement variables of one class over the week beyond which it is freed on two days only:
    /// four times the starting size. A class of 40 lessons with 60 possible slots each has 2,400;
    /// a course-system year of 200 lessons (FET's German example GYR) has 12,000, and GLPK found
    /// no solution within 2 s for any of GYR's whole-week sub-problems over 6,000 variables.
    public var largeClass = 4800
    /// Price of a unit of slack on a hard row of a neighbourhood's MIP.
    public var mipHardPrice = 1000.0
    /// GLPK's limit of branch-and-bound nodes per neighbourhood.
    public var nodeLimit = 400
    /// GLPK's cutting planes. Was `SABAQ_MIP_CUTS`.
    public var cuts = false
    /// GLPK's depth-first backtracking. Was `SABAQ_MIP_DFS`.
    public var depthFirst = false
    /// GLPK's feasibility pump. Was `SABAQ_MIP_FP`.
    public var feasibilityPump = false
    /// The start completed inside the solve (`SolveOptions.startingFixes`): the relaxation then
    /// starts from the completion's basis rather than from nothing.
    public var warmRelaxation = true
    /// Whether a neighbourhood's result has its rooms chosen again (the room matching and the
    /// repair of rules on rooms, as after a round of annealing) before it is judged. GLPK counts
    /// the free rooms of each kind, not which room each lesson takes, so without it a result
    /// can be refused for room clashes that another choice of rooms removes.
    public var roomsAfterSolve = true
    /// Whether a neighbourhood's MIP has rows for the rules on teachers' and students' changes of
    /// building (a maximum a day, free periods between; see `NeighbourhoodRules.addBuildingRule`).
    /// Off: in stop 41 (60 s) it solved SNV-BBA-2019-2020-S1-VF in 0 runs of 8 against 3, and
    /// left 147 violations on Lycee-Goulmima against 28 (seed 1).
    public var buildingRules = false
    /// Whether kinds of rooms that share rooms get rows for their unions too (a lab that biology
    /// and chemistry both may use; a room a lesson must have counts as a kind of one room): the
    /// lessons of every linked group of kinds do not outnumber the free rooms of all of them
    /// (Hall's condition), not only each kind its own. Without them GLPK may place a lesson that
    /// must have the lab and two that may have the lab or one other room at once, a result the
    /// room matching cannot mend (`NeighbourhoodMIP.addRoomKindUnions`).
    public var roomKindUnions = true

    public init() {}
  }

  public struct Rooms: Sendable, Codable, Equatable {
    /// Price of two lessons in one room in one period, against 1 for changing a lesson's room.
    public var roomClashPrice = 1000.0
    /// Price of going without an optional room.
    public var withoutPrice = 10.0
    /// GLPK's limit of branch-and-bound nodes.
    public var nodeLimit = 200
    /// Whether a lesson under a rule on the rooms of several lessons, choosing a room where it is
    /// placed, prefers its partners' rooms by use: under a maximum of rooms, the rooms most of
    /// the others use (as many as the maximum); under the same room if consecutive, the rooms
    /// of the lessons right before and after it; then the others they use. Off (any room an
    /// other lesson of the rule has chosen, see `SearchState.roomRulePartnerRooms`): in stop 35
    /// (seven official files with the rules, seeds 1-6, 60 s) it solved 11 runs of 42 against
    /// 10 and left about as many violations (137 against 131): no clear gain.
    public var mostUsedPartnerRooms = false
    /// Whether a lesson of a teacher or students under a rule on buildings, choosing a room where
    /// it is placed, prefers among equally free rooms one in the buildings of their lessons
    /// nearest before and after it that day (`SearchState.neighbourBuildings`). Off: in stop 39
    /// (the twelve official files with building rules, 60 s, seeds 1-4 on seven of them) it left
    /// about half the violations on the five no tool solves (1,197 against 2,131 over four
    /// seeds, fewer on each), but solved SNV-BBA-2019-2020-S1-VF and shc-2013-more-difficult in
    /// 2 runs of 8 against 3; the other five files the same.
    public var buildingNeighbours = false

    public init() {}
  }

  public struct Model: Sendable, Codable, Equatable {
    /// The soft weight of a hard rule that the model counts as soft: teachers' and students'
    /// gaps, days off, teachers' daily maximum, spread, difficult lessons, room changes.
    public var hardRuleAsSoftWeight = 1000
    /// Whether a hard maximum of rooms for some lessons also shows the search (never the true
    /// cost) that no more of those lessons than that may be at once (`GroupRule.implied`). Off:
    /// in stop 34 (seeds 1-2, 60 s, the six official FET files with the rule) it solved 4 runs
    /// of 12 against 3, and left more violations on some (shc-2013-more-difficult 15 and 2
    /// against 2 and 9): no clear gain.
    public var impliedRoomRules = false
    /// Whether the rooms of large groups of lessons under a hard maximum of rooms are decided
    /// before the search (`RoomAllotment`): their lessons then choose among their group's rooms
    /// only. In stop 36 (seeds 1-6, 60 s, twice) shc-2013-more-difficult was solved 4 times of 12
    /// with it and never without, test-2012 every time both ways (a median of about 10 s against
    /// 6 to 8).
    public var allotGroupRooms = true
    /// The least share of a room's open periods a group's hours (over its maximum) fill for
    /// `allotGroupRooms` to decide its rooms: with every group decided (0) the Hong Kong file of
    /// FET's examples, with many small groups in shared home rooms, was left with 12 to 21 hard
    /// violations against 2 to 8 (stop 36).
    public var allottedGroupShare = 0.25
    /// The least share of the open periods of the rooms those groups may use that they and the
    /// other lessons fill for `allotGroupRooms` to decide any group's rooms: in a file of FET's
    /// examples (modified2: eleven teachers, each in one room, whose hours fill 54 % of eight
    /// rooms) deciding them left 17 to 35 hard violations against 1 to 3 (stop 36).
    public var allottedRoomsFill = 0.75

    public init() {}
  }
}

// MARK: - Decoding: defaults for what is left out, an error for what is not known

/// Any key of a JSON object, to see the keys a container holds.
private struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// Throws when the object holds a key that `known` does not name.
  fileprivate func rejectUnknownKeys(_ known: [String]) throws {
    let container = try self.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !known.contains(key.stringValue) {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: codingPath + [key],
          debugDescription: "unknown key '\(key.stringValue)'; expected one of \(known.joined(separator: ", "))"))
    }
  }
}

extension KeyedDecodingContainer {
  /// The value under a key, or `value` unchanged when the key is absent.
  fileprivate func decode<T: Decodable>(_ value: inout T, _ key: Key) throws {
    if let decoded = try decodeIfPresent(T.self, forKey: key) { value = decoded }
  }
}

extension SearchParameters {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case annealing, moves, rounds, construction, neighbourhoods, rooms, model
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&annealing, .annealing)
    try c.decode(&moves, .moves)
    try c.decode(&rounds, .rounds)
    try c.decode(&construction, .construction)
    try c.decode(&neighbourhoods, .neighbourhoods)
    try c.decode(&rooms, .rooms)
    try c.decode(&model, .model)
  }
}

extension SearchParameters.Annealing {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case repairStartTemperature, repairEndTemperature, repairStepsPerBlock, repairHardWeight, calmRepairEndTemperature
    case optimisingHardWeight, optimisingStartTemperature, calmOptimisingStartTemperature, optimisingEndTemperature
    case optimisingStepsPerBlock, initialHardWeight, breakoutEvery, breakoutOnDayRules, kickTemperature
    case daysShadowQuarters, endsDayDistance
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&repairStartTemperature, .repairStartTemperature)
    try c.decode(&repairEndTemperature, .repairEndTemperature)
    try c.decode(&repairStepsPerBlock, .repairStepsPerBlock)
    try c.decode(&repairHardWeight, .repairHardWeight)
    try c.decode(&calmRepairEndTemperature, .calmRepairEndTemperature)
    try c.decode(&optimisingHardWeight, .optimisingHardWeight)
    try c.decode(&optimisingStartTemperature, .optimisingStartTemperature)
    try c.decode(&calmOptimisingStartTemperature, .calmOptimisingStartTemperature)
    try c.decode(&optimisingEndTemperature, .optimisingEndTemperature)
    try c.decode(&optimisingStepsPerBlock, .optimisingStepsPerBlock)
    try c.decode(&initialHardWeight, .initialHardWeight)
    try c.decode(&breakoutEvery, .breakoutEvery)
    try c.decode(&breakoutOnDayRules, .breakoutOnDayRules)
    try c.decode(&kickTemperature, .kickTemperature)
    try c.decode(&daysShadowQuarters, .daysShadowQuarters)
    try c.decode(&endsDayDistance, .endsDayDistance)
  }
}

extension SearchParameters.Moves {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case baseWeights, shareFloor, ruinFloor, costScaledChoice, rateHalvingSteps, troubledRefreshSteps,
      troubledPickTenths
    case troubledAgeCap, tabuTenure, bestSwapSample, bestChainSample, chainLimit, ruinLimit, ruinExtraLessons
    case recreateBudgetPerBlock, ruinSendsApart
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&baseWeights, .baseWeights)
    guard baseWeights.count == MoveKind.allCases.count else {
      throw DecodingError.dataCorruptedError(
        forKey: .baseWeights, in: c,
        debugDescription:
          "expected \(MoveKind.allCases.count) weights (\(MoveKind.allCases.map { "\($0)" }.joined(separator: ", "))), got \(baseWeights.count)"
      )
    }
    try c.decode(&shareFloor, .shareFloor)
    try c.decode(&ruinFloor, .ruinFloor)
    try c.decode(&costScaledChoice, .costScaledChoice)
    try c.decode(&rateHalvingSteps, .rateHalvingSteps)
    try c.decode(&troubledRefreshSteps, .troubledRefreshSteps)
    try c.decode(&troubledPickTenths, .troubledPickTenths)
    try c.decode(&troubledAgeCap, .troubledAgeCap)
    try c.decode(&tabuTenure, .tabuTenure)
    try c.decode(&bestSwapSample, .bestSwapSample)
    try c.decode(&bestChainSample, .bestChainSample)
    try c.decode(&chainLimit, .chainLimit)
    try c.decode(&ruinLimit, .ruinLimit)
    try c.decode(&ruinExtraLessons, .ruinExtraLessons)
    try c.decode(&recreateBudgetPerBlock, .recreateBudgetPerBlock)
    try c.decode(&ruinSendsApart, .ruinSendsApart)
  }
}

extension SearchParameters.Rounds {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case restartAfter, staleLimit, kickDivisor, kickLeast, repairFromRoundEnd, repairRoundEndSlack
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&restartAfter, .restartAfter)
    try c.decode(&staleLimit, .staleLimit)
    try c.decode(&kickDivisor, .kickDivisor)
    try c.decode(&kickLeast, .kickLeast)
    try c.decode(&repairFromRoundEnd, .repairFromRoundEnd)
    try c.decode(&repairRoundEndSlack, .repairRoundEndSlack)
  }
}

extension SearchParameters.Construction {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case clashWeight, ruleWeight, evictionBase, evictionGrowth, evictionBudgetPerBlock, evictionBudgetAfterProgress,
      evictionBudgetMostPerBlock, evictTooClose, closeWidth, emptyDayOverMaxDays,
      evictingSlotsPricedWhole
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&clashWeight, .clashWeight)
    try c.decode(&ruleWeight, .ruleWeight)
    try c.decode(&evictionBase, .evictionBase)
    try c.decode(&evictionGrowth, .evictionGrowth)
    try c.decode(&evictionBudgetPerBlock, .evictionBudgetPerBlock)
    try c.decode(&evictionBudgetAfterProgress, .evictionBudgetAfterProgress)
    try c.decode(&evictionBudgetMostPerBlock, .evictionBudgetMostPerBlock)
    try c.decode(&evictTooClose, .evictTooClose)
    try c.decode(&closeWidth, .closeWidth)
    try c.decode(&emptyDayOverMaxDays, .emptyDayOverMaxDays)
    try c.decode(&evictingSlotsPricedWhole, .evictingSlotsPricedWhole)
  }
}

extension SearchParameters.Neighbourhoods {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case timeShare, staleRounds, repairMisses, missedEvery, fewHardLeft, leastSeconds, leastRemaining,
      completionTimeLimit
    case startSize, leastSize, mostSize, shrinkWithoutSolution, growWhenFast, fastDivisor, shrinkWhenNotOptimal,
      largeClass
    case mipHardPrice, nodeLimit, cuts, depthFirst, feasibilityPump, warmRelaxation, roomsAfterSolve,
      buildingRules, roomKindUnions
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&timeShare, .timeShare)
    try c.decode(&staleRounds, .staleRounds)
    try c.decode(&repairMisses, .repairMisses)
    try c.decode(&missedEvery, .missedEvery)
    try c.decode(&fewHardLeft, .fewHardLeft)
    try c.decode(&leastSeconds, .leastSeconds)
    try c.decode(&leastRemaining, .leastRemaining)
    try c.decode(&completionTimeLimit, .completionTimeLimit)
    try c.decode(&startSize, .startSize)
    try c.decode(&leastSize, .leastSize)
    try c.decode(&mostSize, .mostSize)
    try c.decode(&shrinkWithoutSolution, .shrinkWithoutSolution)
    try c.decode(&growWhenFast, .growWhenFast)
    try c.decode(&fastDivisor, .fastDivisor)
    try c.decode(&shrinkWhenNotOptimal, .shrinkWhenNotOptimal)
    try c.decode(&largeClass, .largeClass)
    try c.decode(&mipHardPrice, .mipHardPrice)
    try c.decode(&nodeLimit, .nodeLimit)
    try c.decode(&cuts, .cuts)
    try c.decode(&depthFirst, .depthFirst)
    try c.decode(&feasibilityPump, .feasibilityPump)
    try c.decode(&warmRelaxation, .warmRelaxation)
    try c.decode(&roomsAfterSolve, .roomsAfterSolve)
    try c.decode(&buildingRules, .buildingRules)
    try c.decode(&roomKindUnions, .roomKindUnions)
  }
}

extension SearchParameters.Rooms {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case roomClashPrice, withoutPrice, nodeLimit, mostUsedPartnerRooms, buildingNeighbours
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&roomClashPrice, .roomClashPrice)
    try c.decode(&withoutPrice, .withoutPrice)
    try c.decode(&nodeLimit, .nodeLimit)
    try c.decode(&mostUsedPartnerRooms, .mostUsedPartnerRooms)
    try c.decode(&buildingNeighbours, .buildingNeighbours)
  }
}

extension SearchParameters.Model {
  enum CodingKeys: String, CodingKey, CaseIterable {
    case hardRuleAsSoftWeight, impliedRoomRules, allotGroupRooms, allottedGroupShare, allottedRoomsFill
  }

  public init(from decoder: Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.stringValue))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.decode(&hardRuleAsSoftWeight, .hardRuleAsSoftWeight)
    try c.decode(&impliedRoomRules, .impliedRoomRules)
    try c.decode(&allotGroupRooms, .allotGroupRooms)
    try c.decode(&allottedGroupShare, .allottedGroupShare)
    try c.decode(&allottedRoomsFill, .allottedRoomsFill)
  }
}
