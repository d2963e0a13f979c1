import Planner
import SampleSchools
import Testing

/// The bell schedules an organisation has, against its rules, and replacing those of some shifts.
@Suite struct BellScheduleAuditTests {
  static let gymnasium = SampleSchools.cityGymnasium()

  @Test func everyScheduleWithRulesIsAuditedAndOnlyTheShiftsAsked() throws {
    let organisation = Self.gymnasium
    let all = BellScheduleAudit.audits(of: organisation)
    let ruled = (organisation.bellSchedules ?? []).filter { s in
      organisation.bellRules?.contains { $0.shift == s.shift } == true
    }
    #expect(all.map(\.schedule) == ruled)
    #expect(!all.isEmpty)
    for audit in all {
      #expect(audit.problems == BellScheduleAudit.problems(of: audit.schedule, organisation: organisation))
    }
    let second = BellScheduleAudit.audits(of: organisation, shifts: ["2"])
    #expect(second.map(\.schedule.shift) == ruled.filter { $0.shift == "2" }.map(\.shift))
    // A schedule whose shift has no rules is not audited.
    var unruled = organisation
    unruled.bellRules = organisation.bellRules?.filter { $0.shift != "2" }
    #expect(BellScheduleAudit.audits(of: unruled).allSatisfy { $0.schedule.shift != "2" })
  }

  @Test func replacingSchedulesKeepsThoseOfOtherShifts() throws {
    let organisation = Self.gymnasium
    let schedules = try #require(organisation.bellSchedules)
    let first = try #require(schedules.first { $0.shift == "1" })
    var shorter = first
    shorter.lessons.removeLast()
    let changed = organisation.replacingBellSchedules(with: [shorter])
    #expect(changed.bellSchedules?.filter { $0.shift == "1" } == [shorter])
    #expect(changed.bellSchedules?.filter { $0.shift != "1" } == schedules.filter { $0.shift != "1" })
  }
}
