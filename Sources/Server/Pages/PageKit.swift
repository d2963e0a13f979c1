import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Reports
import Store

/// The pages speak the languages of the reports (Kazakh, Russian, English), each with a message
/// catalogue of its own.
extension ReportLanguage {
  var nativeName: String {
    switch self {
    case .kazakh: "Қазақша"
    case .russian: "Русский"
    case .english: "English"
    }
  }

  /// The first language of an `Accept-Language` header the pages speak.
  static func preferred(by header: String?) -> ReportLanguage? {
    guard let header else { return nil }
    let ranked = header.split(separator: ",").map { part -> (String, Double) in
      let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
      return (pieces.first ?? "", q)
    }
    for (tag, _) in ranked.sorted(by: { $0.1 > $1.1 }) {
      if let language = ReportLanguage(code: tag) { return language }
    }
    return nil
  }
}

/// The templates and message catalogues of the pages, read once from the Server's resources.
struct PageTemplates: Sendable {
  let library: MustacheLibrary
  let messages: [ReportLanguage: [String: String]]
  /// The same messages keyed for templates (`{{t.week_next}}` for `week.next`: Mustache reads a
  /// dot as a step into a value).
  let templateMessages: [ReportLanguage: [String: String]]
  let stylesheet: ByteBuffer

  static let shared: PageTemplates = {
    do { return try load() } catch { fatalError("the pages' resources are broken: \(error)") }
  }()

  static func load() throws -> PageTemplates {
    guard let root = Bundle.module.url(forResource: "pages", withExtension: nil) else {
      throw PageResourceError.missing("pages")
    }
    var library = MustacheLibrary()
    let folder = root.appendingPathComponent("templates")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      try library.register(text, named: String(name.dropLast(".mustache".count)))
    }
    var messages: [ReportLanguage: [String: String]] = [:]
    for language in ReportLanguage.allCases {
      let data = try Data(contentsOf: root.appendingPathComponent("messages/\(language.rawValue).json"))
      messages[language] = try JSONDecoder().decode([String: String].self, from: data)
    }
    let css = try Data(contentsOf: root.appendingPathComponent("static/sabaq.css"))
    let templateMessages = messages.mapValues { catalogue in
      Dictionary(
        catalogue.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) }, uniquingKeysWith: { a, _ in a })
    }
    return PageTemplates(
      library: library, messages: messages, templateMessages: templateMessages, stylesheet: ByteBuffer(data: css))
  }
}

enum PageResourceError: Error { case missing(String) }

/// What every page of one request shares: the language, who is signed in, the CSRF token of the
/// browser, and the path (to come back to after a sign-in or a change of language).
struct PageEnvironment: Sendable {
  static let csrfCookie = "sabaq_csrf"
  static let languageCookie = "sabaq_lang"

  var language: ReportLanguage
  /// The person's own choice (the cookie), and what the browser asks for.
  var chosen: ReportLanguage?
  var browser: ReportLanguage?
  var actor: Actor?
  var csrf: String
  /// Whether the CSRF cookie is new and must be set on the response.
  var newCSRF: Bool
  var path: String
  var secureCookies: Bool

  init(request: Request, context: ServerContext, secureCookies: Bool) {
    chosen = request.cookies[Self.languageCookie].flatMap { ReportLanguage(code: $0.value) }
    browser = ReportLanguage.preferred(by: request.headers[.acceptLanguage])
    language = chosen ?? browser ?? .russian
    actor = context.actor
    if let existing = request.cookies[Self.csrfCookie]?.value, existing.count == 43 {
      csrf = existing
      newCSRF = false
    } else {
      csrf = Self.randomToken()
      newCSRF = true
    }
    path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
    self.secureCookies = secureCookies
  }

  /// The person's choice, else the organisation's language, else the browser's.
  func inOrganisation(country: String?) -> PageEnvironment {
    var copy = self
    copy.language = chosen ?? ReportLanguage.ofCountry(country) ?? browser ?? .russian
    return copy
  }

  static func randomToken() -> String {
    let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  var messages: [String: String] { PageTemplates.shared.messages[language] ?? [:] }

  /// A message of the catalogue, with `{0}`, `{1}`… filled in.
  func text(_ key: String, _ arguments: String...) -> String {
    var value = messages[key] ?? PageTemplates.shared.messages[.english]?[key] ?? key
    for (i, argument) in arguments.enumerated() { value = value.replacingOccurrences(of: "{\(i)}", with: argument) }
    return value
  }

  /// A page: the template with the values every page has (the messages as `t`, the language,
  /// the CSRF token, who is signed in).
  func render(_ template: String, _ values: [String: any Sendable], status: HTTPResponse.Status = .ok) -> Response {
    var all = values
    all["lang"] = language.rawValue
    all["csrf"] = csrf
    all["path"] = path
    all["user"] = actor?.name
    all["languages"] = ReportLanguage.allCases.map {
      ["code": $0.rawValue, "name": $0.nativeName, "selected": $0 == language] as [String: any Sendable]
    }
    let html = fragment(template, all)
    var response = Response(
      status: status,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "private, no-cache",
        .contentLanguage: language.rawValue,
      ],
      body: .init(byteBuffer: ByteBuffer(string: html)))
    withCookies(&response)
    return response
  }

  /// The values with empty texts left out: Mustache shows a section for any text, even an empty
  /// one, and `{{#error}}…{{/error}}` must not show for no error.
  static func withoutEmptyTexts(_ value: Any) -> Any {
    switch value {
    case let text as String: return text
    case let dictionary as [String: any Sendable]:
      return dictionary.filter { ($0.value as? String) != "" }.mapValues { withoutEmptyTexts($0) }
    case let dictionary as [String: String]: return dictionary
    case let array as [any Sendable]: return array.map { withoutEmptyTexts($0) }
    default: return value
    }
  }

  /// A piece of a page (no layout): the template with the page's messages.
  func fragment(_ template: String, _ values: [String: any Sendable]) -> String {
    var all = values
    all["t"] = PageTemplates.shared.templateMessages[language] ?? [:]
    return PageTemplates.shared.library.render(Self.withoutEmptyTexts(all), withTemplate: template)
      ?? "template \(template) is missing"
  }

  /// A redirect after a form (303, so the browser asks with GET).
  func redirect(to location: String) -> Response {
    var response = Response(status: .seeOther, headers: [.location: location])
    withCookies(&response)
    return response
  }

  func withCookies(_ response: inout Response) {
    if newCSRF {
      response.setCookie(
        Cookie(
          name: Self.csrfCookie, value: csrf, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
    }
  }

  /// The form's CSRF field must be the browser's CSRF cookie (a page of another site cannot
  /// read the cookie, so it cannot post a form that matches it).
  func requireCSRF(_ form: some PageForm) throws {
    guard !newCSRF, let sent = form.csrf,
      sent.utf8.count == csrf.utf8.count, zip(sent.utf8, csrf.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
    else { throw PageError.csrf }
  }
}

/// A page that cannot be shown as asked.
enum PageError: Error {
  case signInRequired
  case csrf
  case notFound
  /// A form that is not one of the page's (a browser never sends one).
  case badForm
}

/// A form a page posts (`application/x-www-form-urlencoded`; lists as `name[]`), decoded by
/// Hummingbird's form decoder. Every form carries the CSRF token.
protocol PageForm: Decodable, Sendable {
  var csrf: String? { get }
}

extension PageForm {
  static func read(_ request: Request) async throws -> Self {
    let buffer = try await request.body.collect(upTo: 1024 * 1024)
    do {
      return try URLEncodedFormDecoder().decode(Self.self, from: String(buffer: buffer))
    } catch {
      throw PageError.badForm
    }
  }
}

/// A form with nothing but its CSRF token (sign-out, publish).
struct PlainForm: PageForm {
  var csrf: String?
}

extension Optional where Wrapped == String {
  /// The text without surrounding spaces; nil when empty.
  var trimmed: String? {
    self.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
  }
}
