import Foundation
import HTTPTypes
import HummingbirdTesting
import Interchange
import NIOCore
import Planner
import Reports
import Store
import TestSupport
import Testing
import Timetabling

/// The pages over a real HTTP connection: sign-in with CSRF, the weeks on real dates, who sees
/// what, the language, escaping. (The same pages in a real browser: CLITests/BrowserTests.)
@Suite struct PageTests {
  /// The shared short solve of the rural school (CalendarFeedTests'), published.
  static func publish(_ fixture: ServerFixture) throws {
    let scope = try fixture.store.scope(fixture.school.id, actor: ServerFixture.op)
    let draft = try fixture.store.versions.createDraft(
      scope, result: CalendarFeedTests.solved.result, plan: try fixture.store.plans.plan(scope),
      lessons: CalendarFeedTests.solved.lessons)
    try fixture.store.versions.publish(scope, number: draft.number)
  }

  @Test func aFormWithoutTheBrowsersCSRFTokenIsRefusedAndAWrongPasswordKeepsTheLogin() async throws {
    let fixture = try ServerFixture(.sqlite)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: "t01")
    try await fixture.serve { client in
      let form = try await client.call(.get, "/sign-in")
      #expect(form.status == .ok && form.headers[.contentType]?.hasPrefix("text/html") == true)
      let csrf = try #require(PageTests.csrf(form))
      let cookie = "sabaq_csrf=\(csrf)"
      let forged = try await client.page(.post, "/sign-in", form: "login=teacher&password=x", cookie: cookie)
      #expect(forged.status == .forbidden)
      let noCookie = try await client.page(.post, "/sign-in", form: "csrf=\(csrf)&login=teacher&password=x")
      #expect(noCookie.status == .forbidden)
      let wrong = try await client.page(
        .post, "/sign-in", form: "csrf=\(csrf)&login=teacher&password=wrong+one", cookie: cookie)
      #expect(wrong.status == .unauthorized)
      #expect(wrong.text.contains(#"value="teacher""#) && wrong.text.contains(#"role="alert""#))
      let right = try await client.page(
        .post, "/sign-in", form: "csrf=\(csrf)&login=teacher&password=correct+horse&next=%2F%2Fevil.example",
        cookie: cookie)
      #expect(right.status == .seeOther && right.headers[.location] == "/", "never to another site")
      let session = try #require(right.headers[.setCookie]?.split(separator: ";").first.map(String.init))
      let home = try await client.page(.get, "/", cookie: session)
      #expect(home.headers[.location] == "/o/\(fixture.school.id)/teacher/t01")
      let anonymous = try await client.page(.get, "/o/\(fixture.school.id)/teacher/t01")
      #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/sign-in?next=") == true)
    }
  }

  @Test(arguments: TestDatabase.backends)
  func theWeekShowsEveryLessonOnItsDateWithTheBellsAndHolidaysAsSuch(backend: TestDatabase.Backend) async throws {
    let fixture = try ServerFixture(backend)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: "t01")
    try Self.publish(fixture)
    let scope = try fixture.store.scope(fixture.school.id, actor: ServerFixture.op)
    let plan = try fixture.store.plans.plan(scope).organisation
    let calendar = LessonCalendar(organisation: plan)
    let lessons = try fixture.store.versions.week(scope, of: .teacher("t01"))
    let monday = try #require(plan.studyPeriods.first).start.mondayOfWeek.adding(days: 14)
    let expected = calendar.week(of: lessons, containing: monday)
    let holiday = try #require(plan.holidays?.first { $0.grades == nil })
    let holidaySchoolDay = try #require(holiday.range.days.first { plan.settings.schoolDays.contains($0.weekday) })
    try await fixture.serve { client in
      let session = try await client.pageSession("teacher")
      let page = try await client.page(.get, "/o/\(fixture.school.id)/teacher/t01?date=\(monday)", cookie: session)
      #expect(page.status == .ok)
      let count = expected.days.reduce(0) { $0 + $1.lessons.count }
      #expect(count > 0)
      #expect(page.text.components(separatedBy: #"<span class="number">"#).count - 1 == count)
      // The teacher's own week shows the address of the teacher's calendar feed.
      let feed = try #require(page.text.firstMatch(of: #/value="http://[^/"]+(/ical/[A-Za-z0-9_-]+\.ics)"/#))
      let ics = try await client.page(.get, String(feed.output.1))
      #expect(ics.status == .ok && ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
      for occurrence in expected.days.flatMap(\.lessons) {
        let start = try #require(occurrence.start, "every lesson of the rural school has bells")
        #expect(page.text.contains("\(start)–"))
      }
      let closed = try await client.page(
        .get, "/o/\(fixture.school.id)/teacher/t01?date=\(holidaySchoolDay)", cookie: session)
      #expect(closed.text.contains(#"class="closed""#) && closed.text.contains(holiday.name))
    }
  }

  @Test func aParentSeesTheChildsClassOnlyAndAnotherSchoolDoesNotExist() async throws {
    let fixture = try ServerFixture(.sqlite)
    let plan = try fixture.store.plans.plan(try fixture.store.scope(fixture.school.id, actor: ServerFixture.op))
    let (child, other) = (plan.organisation.classes[0].id, plan.organisation.classes[1].id)
    try fixture.person("parent", .parent, in: fixture.school, classID: child)
    try Self.publish(fixture)
    try await fixture.serve { client in
      let session = try await client.pageSession("parent")
      let school = fixture.school.id
      #expect(try await client.page(.get, "/o/\(school)/class/\(child)", cookie: session).status == .ok)
      #expect(try await client.page(.get, "/o/\(school)/class/\(other)", cookie: session).status == .forbidden)
      #expect(try await client.page(.get, "/o/\(school)/teacher/t01", cookie: session).status == .forbidden)
      #expect(try await client.page(.get, "/o/\(school)/curriculum", cookie: session).status == .forbidden)
      let elsewhere = try await client.page(.get, "/o/\(fixture.otherSchool.id)/class/\(child)", cookie: session)
      #expect(elsewhere.status == .notFound)
    }
  }

  @Test func theLanguageIsThePersonsChoiceElseTheOrganisationsElseTheBrowsers() async throws {
    let fixture = try ServerFixture(.sqlite)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: "t01")
    try await fixture.serve { client in
      let signIn = try await client.call(.get, "/sign-in", headers: [.acceptLanguage: "en-GB,en;q=0.9,ru;q=0.5"])
      #expect(signIn.text.contains(#"<html lang="en">"#), "the browser's language before a sign-in")
      let session = try await client.pageSession("teacher")
      let week = "/o/\(fixture.school.id)/teacher/t01"
      let kazakh = try await client.page(.get, week, cookie: session, headers: [.acceptLanguage: "en"])
      #expect(kazakh.text.contains(#"<html lang="kk">"#), "the Kazakh school's language over the browser's")
      #expect(kazakh.text.contains("Дүйсенбі"))
      let chosen = try await client.page(.get, week, cookie: session + "; sabaq_lang=ru")
      #expect(chosen.text.contains(#"<html lang="ru">"#) && chosen.text.contains("Понедельник"))
    }
  }

  @Test func namesFromThePlanAreEscaped() async throws {
    let fixture = try ServerFixture(.sqlite)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: "t01")
    let scope = try fixture.store.scope(fixture.school.id, actor: ServerFixture.op)
    let plan = try fixture.store.plans.plan(scope)
    _ = try fixture.store.plans.edit(scope, baseRevision: plan.revision) { o in
      o.teachers[o.teachers.firstIndex { $0.id == "t01" }!].name = "<script>alert(1)</script>"
    }
    try await fixture.serve { client in
      let session = try await client.pageSession("teacher")
      let page = try await client.page(.get, "/o/\(fixture.school.id)/teacher/t01", cookie: session)
      #expect(page.status == .ok)
      #expect(!page.text.contains("<script>alert(1)"))
      #expect(page.text.contains("&lt;script&gt;alert(1)"))
    }
  }

  @Test func theDistrictSeesItsSchoolsLoadAndDownloadsItAsCSV() async throws {
    let fixture = try ServerFixture(.sqlite)
    try fixture.person("district", .districtStaff, in: fixture.district)
    try await fixture.serve { client in
      let session = try await client.pageSession("district")
      let home = try await client.page(.get, "/o/\(fixture.district.id)", cookie: session)
      #expect(home.headers[.location] == "/o/\(fixture.district.id)/load")
      let load = try await client.page(.get, "/o/\(fixture.district.id)/load", cookie: session)
      #expect(load.text.contains(#"href="/o/\#(fixture.school.id)/load""#))
      let csv = try await client.page(.get, "/o/\(fixture.district.id)/load.csv", cookie: session)
      #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
      #expect(csv.text.contains("School") && csv.text.split(separator: "\n").count == 3)
      let other = try await client.page(.get, "/o/\(fixture.otherDistrict.id)/load", cookie: session)
      #expect(other.status == .notFound)
    }
  }

  static func csrf(_ response: TestResponse) -> String? {
    response.headers[values: .setCookie].lazy.compactMap { cookie -> String? in
      guard cookie.hasPrefix("sabaq_csrf=") else { return nil }
      return String(cookie.dropFirst("sabaq_csrf=".count).prefix { $0 != ";" })
    }.first
  }
}

extension TestClientProtocol {
  /// A page request as a browser makes it: cookies, and forms as `application/x-www-form-urlencoded`.
  func page(
    _ method: HTTPRequest.Method, _ uri: String, form: String? = nil, cookie: String? = nil, headers: HTTPFields = [:]
  ) async throws -> TestResponse {
    var headers = headers
    if let cookie { headers[.cookie] = cookie }
    if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
    let encoded = uri.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? uri
    return try await executeRequest(
      uri: encoded, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) })
  }

  /// Signs in through the sign-in form; the cookies of the signed-in browser.
  func pageSession(_ login: String) async throws -> String {
    let form = try await page(.get, "/sign-in")
    let csrf = try #require(PageTests.csrf(form))
    let signedIn = try await page(
      .post, "/sign-in", form: "csrf=\(csrf)&login=\(login)&password=correct+horse", cookie: "sabaq_csrf=\(csrf)")
    try #require(signedIn.status == .seeOther, "sign-in of \(login): \(signedIn.status)")
    let session = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
    return "\(session); sabaq_csrf=\(csrf)"
  }
}
