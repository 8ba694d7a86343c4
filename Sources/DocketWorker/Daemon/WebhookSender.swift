import DocketQueue
import DocketStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// How a worker delivers webhook events.
public struct WebhookSettings: Sendable {
    /// Seconds a POST may take before it counts as failed.
    public var timeout: Double
    /// Seconds a claim holds an event; past it, another sender may deliver the event again.
    public var lease: Double
    /// Deliveries at once.
    public var concurrency: Int
    /// Seconds between looks for due events when nothing wakes the sender sooner.
    public var pollInterval: Double
    public var retryPolicy: WebhookRetryPolicy

    public init(timeout: Double = 10, lease: Double? = nil, concurrency: Int = 4, pollInterval: Double = 1,
                retryPolicy: WebhookRetryPolicy = WebhookRetryPolicy()) {
        self.timeout = timeout
        self.lease = lease ?? max(30, timeout * 3)
        self.concurrency = max(1, concurrency)
        self.pollInterval = pollInterval
        self.retryPolicy = retryPolicy
    }
}

/// Delivers the store's webhook events from a thread of its own, beside the worker's job threads:
/// claims due events under a lease, POSTs each signed body on a thread of its own (so a slow
/// receiver holds up only its own event), records every attempt and schedules the next.
final class WebhookSender: Sendable {
    private let store: any Store
    private let settings: WebhookSettings
    private let worker: String
    private let logProblem: @Sendable (String) -> Void
    private let state = Mutex(State())
    private let wakeUp = NSCondition()
    private let session: URLSession

    private struct State {
        var inFlight = 0
        var stopping = false
        var woken = false
    }

    init(store: any Store, settings: WebhookSettings, worker: String, logProblem: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.settings = settings
        self.worker = worker
        self.logProblem = logProblem
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.timeoutIntervalForResource = settings.timeout
        configuration.httpMaximumConnectionsPerHost = settings.concurrency
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Starts the sending thread.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "docket-webhooks"
        thread.start()
    }

    /// Looks for due events now: a job of this worker has just ended.
    func wake() {
        wakeUp.lock()
        state.withLock { $0.woken = true }
        wakeUp.broadcast()
        wakeUp.unlock()
    }

    /// Stops claiming and waits for the deliveries in flight (each ends within the POST timeout).
    /// With `deliveringDueEvents`, first delivers the events that are due now, once each.
    func stop(deliveringDueEvents: Bool) {
        if deliveringDueEvents {
            while (try? store.secondsUntilNextWebhookEvent()) == 0, let claimed = try? claim(limit: settings.concurrency), !claimed.isEmpty {
                deliverAll(claimed)
                waitForDeliveries()
            }
        }
        wakeUp.lock()
        state.withLock { $0.stopping = true }
        wakeUp.broadcast()
        wakeUp.unlock()
        waitForDeliveries()
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func run() {
        var backoff = Backoff()
        while !isStopping {
            let free = settings.concurrency - state.withLock { $0.inFlight }
            var wait = settings.pollInterval
            if free > 0 {
                do {
                    // A read first: the claim writes, and on SQLite would take the write lock every poll.
                    let untilDue = try store.secondsUntilNextWebhookEvent()
                    backoff.reset()
                    if untilDue == 0 {
                        let claimed = try claim(limit: free)
                        if !claimed.isEmpty {
                            deliverAll(claimed)
                            continue
                        }
                    }
                    wait = min(wait, untilDue.map { max($0, 0.01) } ?? wait)
                } catch {
                    wait = backoff.next()
                    logProblem("could not claim webhook events (\(StoreTrouble.describe(error))); trying again in \(wait) s")
                }
            }
            sleep(upTo: wait)
        }
    }

    private func claim(limit: Int) throws -> [ClaimedWebhookEvent] {
        try store.claimWebhookEvents(worker: worker, lease: settings.lease, limit: limit)
    }

    private func deliverAll(_ events: [ClaimedWebhookEvent]) {
        let secret: String
        do {
            secret = try store.webhookSecret(rotate: false)
        } catch {
            // The claims lapse with their leases and the events are tried again.
            logProblem("could not read the webhook secret (\(StoreTrouble.describe(error)))")
            return
        }
        for event in events {
            state.withLock { $0.inFlight += 1 }
            let thread = Thread { [self] in
                deliver(event, secret: secret)
                state.withLock { $0.inFlight -= 1 }
                wake()
            }
            thread.name = "docket-webhook-\(event.id)"
            thread.start()
        }
    }

    private func deliver(_ event: ClaimedWebhookEvent, secret: String) {
        let startedAt = store.clock.now()
        let started = ProcessInfo.processInfo.systemUptime
        let (statusCode, error) = post(event, secret: secret)
        let duration = ProcessInfo.processInfo.systemUptime - started
        let now = store.clock.now()
        let next: WebhookNextStep
        if let statusCode, (200..<300).contains(statusCode) {
            next = .delivered
        } else if statusCode == 410 {
            next = .failed
        } else if let retryAt = settings.retryPolicy.retryTime(after: event.attempt, createdAt: event.createdAt, now: now) {
            next = .retry(at: retryAt)
        } else {
            next = .failed
        }
        let attempt = WebhookAttemptRecord(eventID: event.id, attempt: event.attempt, worker: worker, startedAt: startedAt,
                                           duration: duration, statusCode: statusCode, error: error)
        switch persistently(patience: settings.lease / 2, { try store.recordWebhookAttempt(event, attempt, next: next) }) {
        case .success(true): break
        case .success(false):
            logProblem("webhook event \(event.eventID): another worker took it over while this one was sending it")
        case .failure(let error):
            logProblem("webhook event \(event.eventID): attempt \(event.attempt) could not be recorded (\(StoreTrouble.describe(error))); it is sent again once its lease expires")
        }
    }

    /// POSTs the event's body; the status code, or why there is none.
    private func post(_ event: ClaimedWebhookEvent, secret: String) -> (Int?, String?) {
        guard let url = URL(string: event.url) else { return (nil, "\(event.url) is not a URL") }
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: settings.timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(event.body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Docket-Webhooks/1", forHTTPHeaderField: "User-Agent")
        request.setValue(WebhookSignature.header(secret: secret, timestamp: timestamp, body: event.body), forHTTPHeaderField: "Docket-Signature")
        request.setValue(event.eventID, forHTTPHeaderField: "Docket-Event-Id")
        request.setValue(event.type, forHTTPHeaderField: "Docket-Event-Type")
        request.setValue("\(event.attempt)", forHTTPHeaderField: "Docket-Delivery-Attempt")
        let answer = Mutex<(Int?, String?)>((nil, "no answer"))
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { _, response, error in
            answer.withLock { answer in
                if let response = response as? HTTPURLResponse {
                    answer = (response.statusCode, nil)
                } else {
                    answer = (nil, error.map { Self.describe($0) } ?? "no HTTP response")
                }
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + settings.timeout + 5) == .timedOut {
            task.cancel()
            return (nil, "no answer within \(settings.timeout) s")
        }
        return answer.withLock { $0 }
    }

    private static func describe(_ error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSURLErrorDomain, error.code == NSURLErrorTimedOut { return "timed out" }
        return error.localizedDescription
    }

    private func sleep(upTo seconds: Double) {
        wakeUp.lock()
        defer { wakeUp.unlock() }
        let deadline = Date().addingTimeInterval(max(0.01, seconds))
        while !state.withLock({ $0.woken || $0.stopping }) {
            if !wakeUp.wait(until: deadline) { break }
        }
        state.withLock { $0.woken = false }
    }

    private func waitForDeliveries() {
        wakeUp.lock()
        defer { wakeUp.unlock() }
        while state.withLock({ $0.inFlight > 0 }) {
            _ = wakeUp.wait(until: Date().addingTimeInterval(0.1))
        }
    }
}

/// A receiver's redirect is its answer, not a place to send the event on to.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
