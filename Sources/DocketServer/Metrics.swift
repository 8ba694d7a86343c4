import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
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

    /// The exposition text: jobs by state (read from the store now), requests, latency.
    func text(jobCounts: [JobState: Int]) -> String {
        var lines: [String] = []
        lines.append("# HELP docket_jobs Jobs in the store by state.")
        lines.append("# TYPE docket_jobs gauge")
        for state in JobState.allCases {
            lines.append("docket_jobs{state=\"\(state.rawValue)\"} \(jobCounts[state] ?? 0)")
        }
        let snapshot = state.withLock { $0 }
        lines.append("# HELP docket_http_requests_total HTTP requests answered, by route and status.")
        lines.append("# TYPE docket_http_requests_total counter")
        for (key, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            lines.append("docket_http_requests_total{method=\"\(key.method)\",route=\"\(Self.escaped(key.route))\",status=\"\(key.status)\"} \(count)")
        }
        lines.append("# HELP docket_http_request_duration_seconds Time from a request's head to its response.")
        lines.append("# TYPE docket_http_request_duration_seconds histogram")
        for (index, bound) in Self.bucketBounds.enumerated() {
            lines.append("docket_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(snapshot.bucketCounts[index])")
        }
        lines.append("docket_http_request_duration_seconds_bucket{le=\"+Inf\"} \(snapshot.latencyCount)")
        lines.append("docket_http_request_duration_seconds_sum \(snapshot.latencySum)")
        lines.append("docket_http_request_duration_seconds_count \(snapshot.latencyCount)")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escaped(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// Outermost: times every request and turns any error into problem details, so that what is
/// counted is the status the client saw.
struct ProblemAndMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Problem.from(error).response()
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Unmatched paths are counted together, so that probing many paths cannot grow the table.
        metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                       status: Int(response.status.code), seconds: seconds)
        return response
    }
}

/// Every route but /healthz needs `Authorization: Bearer KEY`; a read key may only GET.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: any Store
    static var openPaths: Set<String> { ["/healthz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { throw Problem.unauthorized }
        let key = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let store = self.store
        guard let record = try await onStore({ try APIKeys.verify(key, in: store) }) else { throw Problem.unauthorized }
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

private let storeThreads: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: 16)
    pool.start()
    return pool
}()
