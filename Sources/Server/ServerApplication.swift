import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import Store

/// Where and how the server runs.
public struct ServerConfiguration: Sendable {
  public var host: String
  public var port: Int
  /// Whether solve jobs run in this process (the SQLite default) or only in `sabaq worker`s.
  public var runsJobs: Bool
  /// Cookies marked Secure (set when the server is behind HTTPS).
  public var secureCookies: Bool

  public init(host: String = "127.0.0.1", port: Int = 8080, runsJobs: Bool = true, secureCookies: Bool = false) {
    self.host = host
    self.port = port
    self.runsJobs = runsJobs
    self.secureCookies = secureCookies
  }
}

/// The HTTP server: the JSON API over the store, `/health`, `/metrics` and the OpenAPI document.
public enum SabaqServer {
  /// The Prometheus registry the request metrics go to (one per process).
  static let metrics: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
  }()

  /// The router with every route, for the application and for tests that list the routes.
  public static func router(store: Store, configuration: ServerConfiguration) -> Router<ServerContext> {
    _ = metrics
    let router = Router(context: ServerContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: SessionMiddleware(store: store))
    OperationsRoutes(store: store).add(to: router)
    SessionRoutes(store: store, secureCookies: configuration.secureCookies).add(to: router)
    OrganisationRoutes(store: store).add(to: router)
    PlanRoutes(store: store).add(to: router)
    ReportRoutes(store: store).add(to: router)
    TimetableRoutes(store: store).add(to: router)
    JobRoutes(store: store).add(to: router)
    CalendarFeedRoutes(store: store).add(to: router)
    PageRoutes(store: store, secureCookies: configuration.secureCookies).add(to: router)
    return router
  }

  /// The application: the router on the configured address, and the in-process solve worker as
  /// a service when the configuration says so (stopped gracefully with the server).
  public static func application(store: Store, configuration: ServerConfiguration, logger: Logger? = nil)
    -> some ApplicationProtocol
  {
    var services: [any Service] = []
    if configuration.runsJobs { services.append(JobService(store: store)) }
    return Application(
      router: router(store: store, configuration: configuration),
      // A connection that sends nothing for 30 s is closed (slow or stuck clients hold no slot).
      server: .http1(configuration: .init(idleTimeout: .seconds(30))),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sabaq"),
      services: services, logger: logger ?? Logger(label: "sabaq.server"))
  }

  /// Runs until SIGINT or SIGTERM, then stops gracefully (the in-process worker puts its job
  /// back in the queue).
  public static func run(store: Store, configuration: ServerConfiguration) async throws {
    let app = application(store: store, configuration: configuration)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
  }
}
