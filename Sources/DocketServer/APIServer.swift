import DocketQueue
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Docket's HTTP API: the queue and the stored results over HTTP, on whichever store it is given.
public final class APIServer: Sendable {
    let store: any Store
    let queue: JobQueue
    let settings: ServerSettings
    let metrics = RequestMetrics()
    /// Set once SIGTERM asks the server to stop: long polls answer at once instead of waiting on.
    let stopping = StopFlag()
    let queryEncoder = QueryEncoder()

    public init(store: any Store, settings: ServerSettings) {
        self.store = store
        self.queue = JobQueue(store: store)
        self.settings = settings
    }

    /// The router with every route: what `run` serves and what the API description is checked against.
    public func router() -> Router<BasicRequestContext> {
        let routes = self.routes()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestRecordMiddleware<BasicRequestContext>(metrics: metrics))
        router.add(middleware: AuthenticationMiddleware<BasicRequestContext>(store: store))
        router.add(middleware: NULFreeQueryMiddleware<BasicRequestContext>())
        router.add(middleware: MethodNotAllowedMiddleware<BasicRequestContext>(
            methods: RouteMethods(routes.map { (method: $0.method, path: $0.path.description) })))
        for route in routes {
            router.on(route.path, method: route.method, use: route.handler)
        }
        return router
    }

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    private func routes() -> [(method: HTTPRequest.Method, path: RouterPath, handler: Handler)] {
        [
            (.get, "/healthz", { _, _ in Self.text("ok\n") }),
            (.get, "/readyz", { _, _ in try await self.ready() }),
            (.get, "/metrics", { _, _ in try await self.metricsText() }),
            (.get, "/v1/openapi.yaml", { _, _ in Self.text(embeddedOpenAPI.first?.text ?? "", contentType: "application/yaml") }),

            (.post, "/v1/documents", { request, context in try await self.submit(request, context: context) }),
            (.get, "/v1/documents/{id}", { _, context in try await self.documentSummary(context) }),
            (.delete, "/v1/documents/{id}", { _, context in try await self.deleteDocument(context) }),
            (.get, "/v1/documents/{id}/pages", { request, context in try await self.pages(request, context: context) }),
            (.get, "/v1/documents/{id}/answers", { _, context in try await self.answers(context) }),
            (.post, "/v1/documents/{id}/questions", { request, context in try await self.ask(request, context: context) }),
            (.get, "/v1/documents/{id}/fields", { _, context in try await self.fields(context) }),
            (.get, "/v1/documents/{id}/report", { request, context in try await self.report(request, context: context) }),
            (.get, "/v1/documents/{id}/content", { _, context in try await self.content(context) }),

            (.get, "/v1/jobs", { request, _ in try await self.jobs(request) }),
            (.get, "/v1/jobs/{id}", { request, context in try await self.job(request, context: context) }),
            (.post, "/v1/jobs/{id}/cancel", { _, context in try await self.cancel(context) }),
            (.post, "/v1/jobs/{id}/retry", { _, context in try await self.retry(context) }),

            (.get, "/v1/search", { request, _ in try await self.search(request) }),
            (.get, "/v1/search/semantic", { request, _ in try await self.semanticSearch(request) }),
            (.get, "/v1/studies", { _, _ in try await self.studies() }),
        ]
    }

    /// Makes Swift's tasks run on the event loops that carry the connections, so that a request is
    /// read, answered and written on one thread instead of hopping to the task pool and back. Call it
    /// before the process starts any task; false when that is too late and the task pool stays.
    @discardableResult
    public static func runTasksOnTheEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Serves until SIGTERM or SIGINT: then stops accepting connections, gives requests in flight
    /// `grace` seconds to finish, and returns. `onListening` is told the address taken.
    public func run(logger: Logger, onListening: @escaping @Sendable (String, Int) -> Void) async throws {
        let application = Application(
            router: router(),
            server: try settings.tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "docket"),
            onServerRunning: { channel in
                let address = channel.localAddress
                onListening(address?.ipAddress ?? self.settings.host, address?.port ?? self.settings.port)
            },
            logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: application), .init(service: StopWatcher(stopping: stopping))], logger: logger)
        configuration.gracefulShutdownSignals = [.sigterm, .sigint]
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(settings.grace * 1000))
        try await ServiceGroup(configuration: configuration).run()
    }

    // MARK: Health

    private func ready() async throws -> Response {
        let store = self.store
        let known = store.location.isPostgres ? PostgresStore.knownMigrations : SQLiteStore.knownMigrations
        let applied = try await onStore { try store.appliedMigrations() }
        let missing = known.filter { !applied.contains($0) }
        guard missing.isEmpty else {
            throw Problem(.serviceUnavailable, code: "not_ready", title: "Not ready",
                          detail: "The database lacks migrations \(missing.joined(separator: ", ")); run `docket migrate`.")
        }
        return Self.text("ready\n")
    }

    private func metricsText() async throws -> Response {
        let store = self.store
        let figures = try await onStore { try store.metrics(now: store.clock.now()) }
        return Self.text(metrics.text(store: figures), contentType: "text/plain; version=0.0.4")
    }

    // MARK: Helpers

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The path's `{id}`: a positive whole number, or a 400 that says so.
    static func id(_ context: BasicRequestContext, _ what: String) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw Problem.badRequest("'\(text)' is not a \(what) id: ids are positive whole numbers, e.g. /v1/\(what)s/12.")
        }
        return id
    }
}

/// Waits for the service group's graceful shutdown and raises the server's `stopping` flag.
private struct StopWatcher: Service {
    let stopping: StopFlag

    func run() async throws {
        try? await gracefulShutdown()
        stopping.raise()
    }
}

final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    var isRaised: Bool { raised.load(ordering: .relaxed) }
    func raise() { raised.store(true, ordering: .relaxed) }
}
