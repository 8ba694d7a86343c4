import DocketJSON
import DocketQueue
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird

extension APIServer {
    /// Longest `?wait=` a job request may ask for, in seconds.
    static let longestWait = 60.0

    /// `GET /v1/jobs/{id}?wait=N`: the job; with `wait`, once it has finished or N seconds have passed.
    func job(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "job")
        let wait = try Self.number(request, "wait", in: 0...Self.longestWait) ?? 0
        let queue = self.queue
        let deadline = ContinuousClock.now + .milliseconds(Int64(wait * 1000))
        var record = try await onStoreBriefly(store) { try queue.job(id) }
        while !record.state.isFinished, ContinuousClock.now < deadline, !stopping.isRaised {
            try await Task.sleep(for: .milliseconds(200))
            record = try await onStoreBriefly(store) { try queue.job(id) }
        }
        return try JSONResponse.make(JobResource(from: record))
    }

    /// `GET /v1/jobs?state=&document=&cursor=&limit=`: newest first.
    func jobs(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        var query = JobQuery(limit: Int(try Self.number(request, "limit", in: 1...500) ?? 100))
        if let state = parameters["state"] {
            guard let parsed = JobState(rawValue: String(state)) else {
                throw Problem.badRequest("state '\(state)' is not a job state; use one of \(JobState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.state = parsed
        }
        if let document = parameters["document"] {
            guard let id = Int64(document), id > 0 else { throw Problem.badRequest("document '\(document)' is not a document id (a positive whole number).") }
            query.document = id
        }
        query.beforeID = try Self.cursor(request)
        let store = self.store
        let limit = query.limit, asked = query
        let records = try await onStore { try store.jobs(asked) }
        let next = records.count == limit ? records.last.map { String($0.id) } : nil
        return try JSONResponse.make(ListPage(items: records.map(JobResource.init(from:)), nextCursor: next))
    }

    /// `POST /v1/jobs/{id}/cancel`.
    func cancel(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "job")
        let queue = self.queue
        let record = try await onStore { () throws -> JobRecord in
            _ = try queue.cancel(id)
            return try queue.job(id)
        }
        return try JSONResponse.make(JobResource(from: record), status: .accepted)
    }

    /// `POST /v1/jobs/{id}/retry`.
    func retry(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "job")
        let queue = self.queue
        let record = try await onStore { () throws -> JobRecord in
            try queue.retry(id)
            return try queue.job(id)
        }
        return try JSONResponse.make(JobResource(from: record), status: .accepted,
                                     headers: [.location: "/v1/jobs/\(id)", .retryAfter: "2"])
    }

    // MARK: Query parameters

    /// A number query parameter within `range`, nil when absent, a 400 that says what to send otherwise.
    static func number(_ request: Request, _ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = request.uri.queryParameters[Substring(name)] else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw Problem.badRequest("\(name) '\(text)' must be a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound)).")
        }
        return value
    }

    /// A true-or-false parameter (true, 1, yes; false, 0, no), nil when absent, a 400 otherwise.
    static func flag(_ text: String?, _ name: String) throws -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.badRequest("\(name) '\(text)' must be true or false.")
        }
    }

    /// `cursor`: the `next_cursor` a previous page gave.
    static func cursor(_ request: Request) throws -> Int64? {
        guard let text = request.uri.queryParameters["cursor"] else { return nil }
        guard let value = Int64(text), value > 0 else {
            throw Problem.badRequest("cursor '\(text)' is not one this server gave; pass the next_cursor of the previous page, or leave it out for the first page.")
        }
        return value
    }

    private static func plain(_ number: Double) -> String {
        number == number.rounded() ? String(Int64(number)) : String(number)
    }
}
