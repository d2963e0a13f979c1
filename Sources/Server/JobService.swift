import ServiceLifecycle
import Store

struct JobService: Service {
  let store: Store
  func run() async throws { try? await gracefulShutdown() }
}
