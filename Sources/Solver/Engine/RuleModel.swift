/// A rule over a few lessons, priced from where they are.
struct GroupRule {
  enum Kind {
    case minDays(Int, consecutiveIfSameDay: Bool)
    case sameStart
    case consecutiveIfSameDay
    case notOverlapping
    case consecutive
    case grouped
    /// Slots that count (by slot index) and the most of them the lessons may occupy.
    case occupyMax([Bool], Int)
    /// Rooms (resource numbers) the lesson's first room should be.
    case preferredRooms(Set<Int32>)
    /// Every pair of the lessons on different days, one unit.
    case sameDay
    /// Every pair of the lessons starting at different periods, one unit.
    case samePeriod
    /// Every pair on one day: the periods by which the free run between them is short of this.
    case minGaps(Int)
    /// Every pair: the days by which they are farther apart than this.
    case maxDays(Int)
    /// The first lesson ends before the second starts (only asked when on the same day).
    case ordered(ifSameDay: Bool)
    /// Slots that count (by slot index), and the most of the lessons held at once in each (one
    /// unit per slot holding more).
    case maxSimultaneous([Bool], Int)
    /// The lessons use at most this many different rooms (the units: rooms beyond it).
    case maxRooms(Int)
    /// Two lessons one right after the other on a day have the same (first) room.
    case sameRoomIfConsecutive
    /// The lessons (one teacher's or unit's, of one activity tag) occupy at most this many
    /// periods a day.
    case tagMaxDaily(Int)
    /// The lessons occupy at most this many periods in a row.
    case tagMaxContinuously(Int)
    /// The lessons are all those of one teacher or unit (`resource`); the building of each room
    /// (by room number, -1 for none); what is limited: building changes per day or per week, or
    /// the free periods before a change.
    case buildings(resource: Int32, buildingOfRoom: [Int32], limit: BuildingRuleLimit)
    /// The lessons (one teacher's or unit's, of either tag): after a period of a lesson of
    /// `first`, the next period of another of them comes at least `min` periods later.
    case tagPairGaps(first: Set<Int32>, min: Int)
  }

  enum BuildingRuleLimit {
    case perDay(Int), perWeek(Int), minGaps(Int)
  }

  var kind: Kind
  var lessons: [Int32]
  var weight: TimetableModel.Weight
  /// A rule that the timetable's rules imply and that only guides the search: its units are
  /// part of `SearchState.penalty`, never of the true cost, and no diagnosis names it (the rules
  /// it follows from are named instead).
  var implied = false
}

/// A rule on one teacher or student unit, priced from the periods it is busy each day.
struct ResourceRule {
  enum Kind: Equatable {
    case maxGapsPerWeek(Int)
    case maxGapsPerDay(Int)
    case earlyBeginnings(Int)
    case maxHoursDaily(Int)
    case minHoursDaily(Int, allowEmptyDays: Bool)
    case maxHoursContinuously(Int)
    case maxDaysPerWeek(Int)
    case minDaysPerWeek(Int)
    /// At most `max` days busy in the periods of the mask (bit p: period p + 1).
    case intervalMaxDays(UInt32, max: Int)
    /// Each day spans (first to last busy period) at most this many periods; with
    /// `oneDayPlusOne` one day a week may span one more (a weekly rule then).
    case maxSpan(Int, oneDayPlusOne: Bool)
    /// At least `min` free periods from the last busy period of a day to the first of the next
    /// (with `circular`, also from the last day to the first), days of `periods` periods.
    case minRestingHours(Int, circular: Bool, periods: Int)
  }

  var kind: Kind
  var weight: TimetableModel.Weight
  /// Units a missing day of a minimum of days counts for in the search. A resource that must
  /// also teach at least H lessons on a day it works needs H lessons moved onto an empty day; with
  /// one unit per day the first of them would cost more (H − 1 below the daily minimum) than it
  /// gains, and no single move could make progress. The Checker counts days.
  var unitsPerMissingDay = 1

  /// Units of violation for one day of the resource: `mask` busy periods, `excused` periods
  /// that are not gaps, `periods` in a day. Weekly rules count their daily parts here and are
  /// finished by `weekUnits`.
  static func gaps(_ mask: UInt32, excused: UInt32) -> Int {
    guard mask != 0 else { return 0 }
    let low = mask.trailingZeroBitCount
    let high = 31 - mask.leadingZeroBitCount
    let span: UInt32 = high - low + 1 >= 32 ? ~0 : ((1 << UInt32(high - low + 1)) - 1) << UInt32(low)
    return (span & ~mask & ~excused).nonzeroBitCount
  }

  static func longestRunExcess(_ mask: UInt32, max: Int) -> Int {
    var excess = 0
    var run = 0
    var m = mask
    while m != 0 || run > 0 {
      if m & 1 != 0 {
        run += 1
      } else {
        if run > max { excess += run - max }
        run = 0
      }
      m >>= 1
      if m == 0 && run == 0 { break }
    }
    if run > max { excess += run - max }
    return excess
  }

  /// The day's units of a daily rule.
  func dayUnits(mask: UInt32, excused: UInt32) -> Int {
    switch kind {
    case .maxGapsPerDay(let most): return max(0, ResourceRule.gaps(mask, excused: excused) - most)
    case .maxHoursDaily(let most): return max(0, mask.nonzeroBitCount - most)
    case .minHoursDaily(let least, let allowEmpty):
      if mask == 0 { return allowEmpty ? 0 : least }
      return max(0, least - mask.nonzeroBitCount)
    case .maxHoursContinuously(let most): return ResourceRule.longestRunExcess(mask, max: most)
    case .maxSpan(let most, false): return max(0, ResourceRule.span(mask) - most)
    default: return 0
    }
  }

  /// What a weekly rule needs to know of one day of a resource.
  struct DayStats: Equatable {
    var gaps: Int = 0
    var late = false
    var second = false
    var busy = false

    init() {}

    init(mask: UInt32, excused: UInt32) {
      gaps = ResourceRule.gaps(mask, excused: excused)
      busy = mask != 0
      if busy {
        let firstOpen = (~excused).trailingZeroBitCount
        let first = mask.trailingZeroBitCount
        late = first > firstOpen + 1
        second = first == firstOpen + 1
      }
    }
  }

  /// Sums of the day statistics over the week.
  struct WeekStats {
    var gaps = 0
    var late = 0
    var second = 0
    var busyDays = 0

    mutating func add(_ day: DayStats, _ sign: Int) {
      gaps += sign * day.gaps
      late += sign * (day.late ? 1 : 0)
      second += sign * (day.second ? 1 : 0)
      busyDays += sign * (day.busy ? 1 : 0)
    }
  }

  /// Units of a weekly rule from the week's sums.
  func weekUnits(_ week: WeekStats, busyAtAll: Bool) -> Int {
    switch kind {
    case .maxGapsPerWeek(let most): return max(0, week.gaps - most)
    case .earlyBeginnings(let most): return week.late + max(0, week.second - most)
    case .maxDaysPerWeek(let most): return max(0, week.busyDays - most)
    case .minDaysPerWeek(let least): return busyAtAll ? max(0, least - week.busyDays) * unitsPerMissingDay : 0
    default: return 0
    }
  }

  /// Units of a weekly rule from the days' masks.
  func weekUnits(masks: [UInt32], excused: [UInt32], busyAtAll: Bool) -> Int {
    switch kind {
    case .maxGapsPerWeek(let most):
      var total = 0
      for (d, mask) in masks.enumerated() { total += ResourceRule.gaps(mask, excused: excused[d]) }
      return max(0, total - most)
    case .earlyBeginnings(let most):
      var late = 0
      var second = 0
      for (d, mask) in masks.enumerated() where mask != 0 {
        let firstOpen = (~excused[d]).trailingZeroBitCount
        let first = mask.trailingZeroBitCount
        if first > firstOpen + 1 { late += 1 } else if first == firstOpen + 1 { second += 1 }
      }
      return late + max(0, second - most)
    case .maxDaysPerWeek(let most): return max(0, masks.filter { $0 != 0 }.count - most)
    case .minDaysPerWeek(let least):
      guard busyAtAll else { return 0 }
      return max(0, least - masks.filter { $0 != 0 }.count) * unitsPerMissingDay
    case .intervalMaxDays(let interval, let most): return max(0, masks.filter { $0 & interval != 0 }.count - most)
    case .maxSpan(let most, let plusOne):
      let spans = masks.map { ResourceRule.span($0) }
      let excess = spans.reduce(0) { $0 + max(0, $1 - most) }
      return plusOne && spans.contains(most + 1) ? excess - 1 : excess
    case .minRestingHours(let least, let circular, let periods):
      return ResourceRule.restShortfall(masks, min: least, circular: circular, periods: periods)
    default: return 0
    }
  }

  /// Periods from the first to the last busy period of a day (0 for a free day).
  static func span(_ mask: UInt32) -> Int {
    mask == 0 ? 0 : (31 - mask.leadingZeroBitCount) - mask.trailingZeroBitCount + 1
  }

  /// For each two following days both busy (and the last and first with `circular`), the free
  /// periods after the first's last busy period and before the second's first, short of `min`.
  static func restShortfall(_ masks: [UInt32], min least: Int, circular: Bool, periods: Int) -> Int {
    let D = masks.count
    guard D > 1 else { return 0 }
    var total = 0
    for d in 0..<(circular ? D : D - 1) {
      let today = masks[d]
      let next = masks[(d + 1) % D]
      guard today != 0, next != 0 else { continue }
      let rest = (periods - 1 - (31 - today.leadingZeroBitCount)) + next.trailingZeroBitCount
      total += max(0, least - rest)
    }
    return total
  }

  var isWeekly: Bool {
    switch kind {
    case .maxGapsPerWeek, .earlyBeginnings, .maxDaysPerWeek, .minDaysPerWeek: return true
    case .intervalMaxDays, .minRestingHours: return true
    case .maxSpan(_, let plusOne): return plusOne
    default: return false
    }
  }

  /// Whether a weekly rule is priced from the days' masks rather than from `WeekStats`.
  var usesMasks: Bool {
    switch kind {
    case .intervalMaxDays, .minRestingHours, .maxSpan: return true
    default: return false
    }
  }
}
