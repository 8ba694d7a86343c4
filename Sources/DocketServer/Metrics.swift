import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Counts requests by route and status and their latency, for `GET /metrics` in Prometheus's text format.
final class RequestMetrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    private struct RouteKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct State {
        var requests: [RouteKey: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: RequestMetrics.bucketBounds.count)
        var latencyCount = 0
        var latencySum = 0.0
    }

    private let state = Mutex(State())

    func record(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[RouteKey(method: method, route: route, status: status), default: 0] += 1
            for (index, bound) in Self.bucketBounds.enumerated() where seconds <= bound { state.bucketCounts[index] += 1 }
            state.latencyCount += 1
            state.latencySum += seconds
        }
    }

    /// The exposition text: what the store holds now (read at each scrape), then this server's requests.
    func text(store: StoreMetrics) -> String {
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
        }
        func labelled(_ name: String, _ label: String, _ counts: [String: Int], always: [String] = []) {
            let labels = Set(counts.keys).union(always).sorted()
            for value in labels { lines.append("\(name){\(label)=\"\(Self.escaped(value))\"} \(counts[value] ?? 0)") }
        }
        func histogram(_ name: String, _ histogram: Histogram) {
            for (index, bound) in histogram.bounds.enumerated() {
                lines.append("\(name)_bucket{le=\"\(bound)\"} \(histogram.cumulativeCounts[index])")
            }
            lines.append("\(name)_bucket{le=\"+Inf\"} \(histogram.count)")
            lines.append("\(name)_sum \(histogram.sum)")
            lines.append("\(name)_count \(histogram.count)")
        }

        family("docket_jobs", "gauge", "Jobs in the store by state.")
        labelled("docket_jobs", "state", Dictionary(uniqueKeysWithValues: store.jobsByState.map { ($0.key.rawValue, $0.value) }),
                 always: JobState.allCases.map(\.rawValue))
        family("docket_queue_depth", "gauge", "Queued jobs whose time has come: what idle workers would claim now.")
        lines.append("docket_queue_depth \(store.runnableJobs)")
        family("docket_job_attempts", "gauge", "Job attempts in the store by how they ended.")
        labelled("docket_job_attempts", "outcome", store.attemptsByOutcome,
                 always: ["succeeded", "retry", "failed", "dead", "cancelled", "released", "lease-expired"])
        family("docket_job_seconds", "histogram", "Seconds from submit to success of the succeeded jobs in the store.")
        histogram("docket_job_seconds", store.jobSeconds)
        family("docket_page_seconds", "histogram", "Seconds of reading per page of the documents in the store.")
        histogram("docket_page_seconds", store.pageSeconds)
        family("docket_pages", "gauge", "Pages in the store by where their words came from.")
        labelled("docket_pages", "source", store.pagesBySource, always: ["text-layer", "ocr", "plain-text"])
        family("docket_webhook_deliveries", "gauge", "Webhook delivery attempts in the store by outcome.")
        labelled("docket_webhook_deliveries", "outcome", store.webhookDeliveriesByOutcome, always: ["delivered", "gone", "refused", "unreachable"])

        let snapshot = state.withLock { $0 }
        family("docket_http_requests_total", "counter", "HTTP requests this server answered, by route and status.")
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            lines.append("docket_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escaped(key.route))\",status=\"\(key.status)\"} \(count)")
        }
        family("docket_http_request_duration_seconds", "histogram", "Time from a request's head to its response.")
        histogram("docket_http_request_duration_seconds", Histogram(
            bounds: Self.bucketBounds, cumulativeCounts: snapshot.bucketCounts, count: snapshot.latencyCount, sum: snapshot.latencySum))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escaped(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Outermost: gives every request an id (the client's `X-Request-Id` when it sent a usable one),
/// turns any error into problem details, then counts, times and logs the request with the status
/// the client saw, and echoes the id in the response.
struct RequestRecordMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = RequestID.accepting(request.headers[RequestID.header])
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        context.logger[metadataKey: "hb.request.id"] = nil
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Problem.from(error).response()
        }
        response.headers[RequestID.header] = requestID
        let elapsed = ContinuousClock.now - started
        let seconds = elapsed.inSeconds
        // Unmatched paths are counted together, so that probing many paths cannot grow the table.
        let route = context.endpointPath ?? "unmatched"
        let status = Int(response.status.code)
        metrics.record(method: request.method.rawValue, route: route, status: status, seconds: seconds)
        // A 503 (a full queue, an unreachable store, a stopping server) is the service saying "later", not a fault of its own.
        let level: Logger.Level = status == 503 ? .warning : status >= 500 ? .error : .info
        context.logger.log(level: level, "request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(route),
            "status": .stringConvertible(status), "duration_ms": .stringConvertible((seconds * 1e5).rounded() / 100),
        ])
        return response
    }
}

/// The id a request is logged under and answered with, in `X-Request-Id`.
enum RequestID {
    static let header = HTTPField.Name("X-Request-Id")!

    /// The client's id when it is 1 to 128 visible ASCII characters (a proxy's, say), else a new one.
    static func accepting(_ given: String?) -> String {
        if let given, (1...128).contains(given.utf8.count), given.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) { return given }
        var generator = SystemRandomNumberGenerator()
        let value: UInt64 = generator.next()
        return String(value, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Every route but /healthz needs `Authorization: Bearer KEY`; a read key may only GET.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: any Store
    static var openPaths: Set<String> { ["/healthz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.prefix(7).lowercased() == "bearer " else { throw Problem.unauthorized }
        let words = header.dropFirst(7).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 1 else { throw Problem.unauthorized }
        let key = String(words[0])
        let store = self.store
        guard let record = try await onStoreBriefly(store, { try APIKeys.verify(key, in: store) }) else { throw Problem.unauthorized }
        let reads = request.method == .get || request.method == .head
        guard reads || record.scope == .submit else { throw Problem.forbidden }
        return try await next(request, context)
    }
}

/// The methods each route's path takes, in the order the routes were declared.
struct RouteMethods: Sendable {
    private let paths: [(segments: [Substring], methods: [HTTPRequest.Method])]

    init(_ routes: [(method: HTTPRequest.Method, path: String)]) {
        var paths: [(segments: [Substring], methods: [HTTPRequest.Method])] = []
        for route in routes {
            let segments = route.path.split(separator: "/")
            if let index = paths.firstIndex(where: { $0.segments == segments }) {
                paths[index].methods.append(route.method)
            } else {
                paths.append((segments, [route.method]))
            }
        }
        self.paths = paths
    }

    /// The methods routed for `path`, where a `{name}` segment stands for any one segment; empty
    /// when no route has that path.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let asked = path.split(separator: "/")
        return paths.first { route in
            route.segments.count == asked.count
                && zip(route.segments, asked).allSatisfy { pattern, segment in
                    (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
                }
        }?.methods ?? []
    }
}

/// No query parameter takes a NUL character: the store would cut a name short at it or refuse a
/// search with it, so a request with one is refused with 400 before anything reads it.
struct NULFreeQueryMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let parameter = request.uri.queryParameters.first(where: { $0.key.contains("\0") || $0.value.contains("\0") }) {
            throw Problem.badRequest("The query parameter '\(parameter.key.replacingOccurrences(of: "\0", with: "%00"))' contains a NUL character (%00), which no parameter takes; remove it and send the request again.")
        }
        return try await next(request, context)
    }
}

/// A path that is routed, asked with a method it does not take: 405 method_not_allowed with an
/// Allow header naming the methods it takes, rather than the router's 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let methods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = methods.methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            var response = Problem(.methodNotAllowed, code: "method_not_allowed", title: "Method not allowed",
                                   detail: "\(request.uri.path) takes \(names), not \(request.method.rawValue); GET /v1/openapi.yaml describes each route.")
                .response()
            response.headers[.allow] = names
            return response
        }
    }
}

/// Runs a blocking store call on a thread pool of its own, off the event loops that serve
/// connections. More threads than cores: most calls wait on the database or a child process.
func onStore<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await storeThreads.runIfActive(body)
}

/// As `onStore`, for the few-row reads that every poll makes (the key, a job, a document's
/// answers). On SQLite they run where the request's task runs: reading a few indexed rows from a
/// local file costs less than handing the read to another thread and back. On PostgreSQL they
/// wait on the network, so they go to a pool of few threads of their own, where they neither
/// queue behind uploads and reports nor pay for switching among many threads.
func onStoreBriefly<T: Sendable>(_ store: any Store, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    guard store.location.isPostgres else { return try body() }
    return try await briefStoreThreads.runIfActive(body)
}

private let storeThreads: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: 16)
    pool.start()
    return pool
}()

private let briefStoreThreads: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: 4)
    pool.start()
    return pool
}()
