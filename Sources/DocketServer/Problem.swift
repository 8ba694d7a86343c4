import DocketQueue
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answered as RFC 9457 problem details (`application/problem+json`), with a stable
/// `code` that clients branch on and a `detail` that says what to do.
public struct Problem: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var code: String
    public var title: String
    public var detail: String
    /// Seconds to wait before trying again (503 queue_full), sent as Retry-After.
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, code: String, title: String, detail: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// The problem type URI: stable, one per code.
    var type: String { "urn:docket:problem:\(code)" }

    static func badRequest(_ detail: String) -> Problem {
        Problem(.badRequest, code: "bad_request", title: "Bad request", detail: detail)
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(.notFound, code: "not_found", title: "Not found", detail: detail)
    }

    static func notReady(_ detail: String) -> Problem {
        Problem(.conflict, code: "not_ready", title: "Not ready", detail: detail)
    }

    static let unauthorized = Problem(
        .unauthorized, code: "unauthorized", title: "Unauthorized",
        detail: "Send a valid key as 'Authorization: Bearer dk_<id>_<secret>'; `docket keys create --name NAME --scope read|submit` makes one.")

    static let forbidden = Problem(
        .forbidden, code: "forbidden", title: "Forbidden",
        detail: "This key has the read scope, which may only GET; use a key created with --scope submit.")

    func response() -> Response {
        var object: [String: Any] = ["type": type, "title": title, "status": Int(status.code), "detail": detail, "code": code]
        if let retryAfter { object["retry_after"] = retryAfter }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// What any error thrown while answering a request becomes: Docket's own errors by their
    /// meaning, the framework's by their status, anything else a 500 that says what failed.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as SubmitError:
            switch error {
            case .unsupportedType:
                return Problem(.unsupportedMediaType, code: "unsupported_media_type", title: "Unsupported media type", detail: error.description)
            case .passwordNeeded:
                return Problem(.unprocessableContent, code: "wrong_password", title: "Wrong or missing password",
                               detail: error.description.replacingOccurrences(of: "--password", with: "the password query parameter"))
            case .empty, .badCallbackURL:
                return badRequest(error.description)
            case .badLanguage:
                return Problem(.badRequest, code: "unknown_language", title: "Unknown language", detail: error.description)
            case .languageNotInstalled:
                return Problem(.unprocessableContent, code: "language_not_installed", title: "Language not installed",
                               detail: error.description)
            }
        case let error as StoreError:
            switch error {
            case .documentNotFound, .jobNotFound, .webhookEventNotFound: return notFound(error.description)
            case .notProcessed: return notReady(error.description)
            case .noWebhookBodyEncoder: return internalError(error)
            case .emptySearch, .badSearch: return badRequest(error.description)
            case .migratedByNewerDocket, .cannotOpen, .noDatabase, .notDocketDatabase, .needsMigration, .badLocation:
                return Problem(.serviceUnavailable, code: "store_unavailable", title: "Store unavailable", detail: error.description)
            }
        case let error as QueueError:
            return Problem(.conflict, code: "wrong_state", title: "Wrong state", detail: error.description)
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                return notFound("There is no such route; GET /v1/openapi.yaml lists the routes.")
            case .methodNotAllowed:
                return Problem(.methodNotAllowed, code: "method_not_allowed", title: "Method not allowed",
                               detail: "This route does not take that method; GET /v1/openapi.yaml lists each route's methods.")
            case .contentTooLarge:
                return Problem(.contentTooLarge, code: "document_too_large", title: "Request too large",
                               detail: error.body ?? "The request body is larger than this server accepts.")
            default:
                if (400..<500).contains(error.status.code) {
                    return Problem(error.status, code: "bad_request", title: error.status.reasonPhrase,
                                   detail: error.body ?? "The request could not be understood; see /v1/openapi.yaml.")
                }
                return internalError(error)
            }
        case let error where StoreTrouble.isDatabaseError(error):
            return Problem(.serviceUnavailable, code: "store_unavailable", title: "Store unavailable",
                           detail: "The database failed: \(StoreTrouble.describe(error)). Nothing more was changed; try again once it is reachable.",
                           retryAfter: 5)
        default:
            return internalError(error)
        }
    }

    private static func internalError(_ error: any Error) -> Problem {
        Problem(.internalServerError, code: "internal_error", title: "Internal error",
                detail: "The server failed: \(error). Nothing was changed by this request unless its response said so; try again, and report it if it persists.")
    }
}
