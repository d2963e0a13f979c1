import Foundation
import HTTPTypes
import Hummingbird
import Reports
import Store

/// The server-rendered pages: sign-in, the choice of organisation and role, and the stylesheet.
/// The pages of weeks, of the deputy and of the district are in their own files; every page
/// goes through `page(_:)`, which turns "not signed in" into the sign-in page and the store's
/// refusals into pages in the person's language.
struct PageRoutes {
  let store: Store
  let secureCookies: Bool

  func add(to router: Router<ServerContext>) {
    router.get("static/sabaq.css", use: stylesheet)
    router.get("", use: page(home))
    router.get("sign-in", use: page(signInForm))
    router.post("sign-in", use: page(signIn))
    router.post("sign-out", use: page(signOut))
    router.post("language", use: page(chooseLanguage))
    WeekPages(store: store, pages: self).add(to: router)
    DeputyPages(store: store, pages: self).add(to: router)
    ReportPages(store: store, pages: self).add(to: router)
  }

  typealias Handler = @Sendable (Request, ServerContext, PageEnvironment) async throws -> Response

  /// A page handler with the environment made and the errors shown as pages.
  func page(_ body: @escaping Handler) -> @Sendable (Request, ServerContext) async throws -> Response {
    { [secureCookies] request, context in
      let environment = PageEnvironment(request: request, context: context, secureCookies: secureCookies)
      do {
        return try await body(request, context, environment)
      } catch PageError.signInRequired {
        let next = environment.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
        return environment.redirect(to: "/sign-in?next=\(next)")
      } catch {
        return Self.errorPage(error, environment, context: context)
      }
    }
  }

  /// Runs `body` with the scope of the page's organisation, on the thread pool, in the
  /// organisation's language.
  func scoped<T: Sendable>(
    _ context: ServerContext, _ environment: PageEnvironment,
    _ body: @escaping @Sendable (TenantScope, PageEnvironment) throws -> T
  ) async throws -> (T, PageEnvironment) {
    let actor = try PageRoutes.signedIn(environment)
    let id = try PagePlace.organisation(context)
    return try await blocking { [store] in
      let scope = try store.scope(id, actor: actor)
      let local = environment.inOrganisation(scope.organisation)
      return (try body(scope, local), local)
    }
  }

  static func errorPage(_ error: any Error, _ environment: PageEnvironment, context: ServerContext) -> Response {
    let (status, key): (HTTPResponse.Status, String) =
      switch error {
      case PageError.csrf: (.forbidden, "error.csrf")
      case PageError.badForm: (.badRequest, "error.bad_form")
      case PageError.notFound, StoreError.notFound: (.notFound, "error.not_found")
      case StoreError.forbidden: (.forbidden, "error.forbidden")
      case StoreError.conflict: (.conflict, "error.conflict")
      case let api as APIError where api.status == .serviceUnavailable: (.serviceUnavailable, "error.busy")
      default: (.internalServerError, "error.internal")
      }
    if case StoreError.invalid(let field, let message) = error {
      return environment.render(
        "error", ["title": environment.text("error.bad_form"), "message": "\(field): \(message)", "status": 400],
        status: .badRequest)
    }
    if status == .internalServerError { context.logger.error("page: \(error)") }
    return environment.render(
      "error", ["title": environment.text(key), "message": environment.text(key), "status": status.code],
      status: status)
  }

  /// The signed-in person, or the sign-in page.
  static func signedIn(_ environment: PageEnvironment) throws -> Actor {
    guard let actor = environment.actor, actor.userID != nil else { throw PageError.signInRequired }
    return actor
  }

  @Sendable func stylesheet(_ request: Request, context: ServerContext) async throws -> Response {
    Response(
      status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
      body: .init(byteBuffer: PageTemplates.shared.stylesheet))
  }

  @Sendable func signInForm(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    environment.render("sign-in", ["title": environment.text("sign_in"), "next": Self.safeNext(request.query("next"))])
  }

  /// Signs in with the form; a wrong login or password shows the form again, filled, with the
  /// message next to the fields.
  @Sendable func signIn(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let form = try await SignInForm.read(request)
    try environment.requireCSRF(form)
    let login = form.login.trimmed ?? ""
    let password = form.password ?? ""
    let next = Self.safeNext(form.next)
    do {
      guard !login.isEmpty, !password.isEmpty else { throw StoreError.unauthorised("empty") }
      let session = try await blocking { [store] in
        try store.sessions.signIn(login: login, password: password, kinds: [.cookie])[0]
      }
      var response = environment.redirect(to: next)
      response.setCookie(
        Cookie(
          name: SessionMiddleware.cookie, value: session.token, expires: session.expiresAt, path: "/",
          secure: secureCookies, httpOnly: true, sameSite: .lax))
      return response
    } catch let error as StoreError {
      let message =
        if case .rateLimited(let seconds) = error {
          environment.text("sign_in.rate_limited", String(seconds))
        } else {
          environment.text("sign_in.wrong")
        }
      return environment.render(
        "sign-in", ["title": environment.text("sign_in"), "login": login, "error": message, "next": next],
        status: .unauthorized)
    }
  }

  @Sendable func signOut(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    try environment.requireCSRF(try await PlainForm.read(request))
    if let token = context.sessionToken {
      try await blocking { [store] in try store.sessions.end(token: token) }
    }
    var response = environment.redirect(to: "/sign-in")
    response.setCookie(
      Cookie(
        name: SessionMiddleware.cookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true,
        sameSite: .lax))
    return response
  }

  /// The person's choice of language, kept in a cookie for a year.
  @Sendable func chooseLanguage(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let form = try await LanguageForm.read(request)
    try environment.requireCSRF(form)
    guard let language = form.lang.flatMap(ReportLanguage.init(code:)) else { throw PageError.badForm }
    var response = environment.redirect(to: Self.safeNext(form.back))
    response.setCookie(
      Cookie(
        name: PageEnvironment.languageCookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
        secure: secureCookies, httpOnly: true, sameSite: .lax))
    return response
  }

  /// Where the person goes after signing in: their only place, or the choice of organisation and
  /// role when they have several.
  @Sendable func home(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let actor = try Self.signedIn(environment)
    let places = try await blocking { [store] in try MembershipPlaces.of(actor, in: store) }
    if places.count == 1, let only = places.first { return environment.redirect(to: only.link) }
    let rows = places.map { place -> [String: any Sendable] in
      [
        "link": place.link, "organisation": place.organisation, "role": environment.text("role.\(place.role)"),
        "detail": place.detail ?? "",
      ]
    }
    return environment.render("choose", ["title": environment.text("choose.title"), "places": rows])
  }

  /// Only a path of this site (never another site: an open redirect would help phishing).
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
    return next
  }
}

struct SignInForm: PageForm {
  var csrf: String?
  var login: String?
  var password: String?
  var next: String?
}

struct LanguageForm: PageForm {
  var csrf: String?
  var lang: String?
  var back: String?
}

/// A place a person can go: one of their memberships, with the page it opens.
struct MembershipPlaces {
  var organisation: String
  var role: String
  var detail: String?
  var link: String

  static func of(_ actor: Actor, in store: Store) throws -> [MembershipPlaces] {
    guard let userID = actor.userID else { return [] }
    return try store.people.memberships(ofUser: userID).map { membership in
      let org = try store.scope(membership.organisationID, actor: actor).organisation
      let base = "/o/\(org.id)"
      let link: String
      var detail: String?
      switch membership.role {
      case .teacher where membership.teacher != nil:
        link = "\(base)/teacher/\(escape(membership.teacher!))"
        detail = membership.teacher
      case .classTeacher, .student, .parent:
        link = membership.classID.map { "\(base)/class/\(escape($0))" } ?? base
        detail = membership.classID
      default:
        link = base
      }
      return MembershipPlaces(organisation: org.name, role: membership.role.rawValue, detail: detail, link: link)
    }
  }
}

/// A path segment, percent-encoded.
func escape(_ segment: String) -> String {
  segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
    ?? segment
}
