import DocketExtract
import DocketModel
import Foundation

/// The worker, as the reading of one document in a job child sees it: it lends the OCR engines it
/// has idle, one page at a time, and hears which pages are being read, to say where a job that
/// crashed or hung stopped.
protocol EngineLender: AnyObject, Sendable {
    /// One more engine for one page, if the worker has one idle now; never waits for one. Called
    /// from the reading's own thread only.
    func borrow() -> Bool
    /// Gives back an engine borrowed for a page that has been read.
    func giveBack()
    /// Page `number` is being read now, on any thread.
    func reading(page number: Int)
    /// Page `number` has been read, on any thread.
    func read(page number: Int)
}

/// Reads a document's pages. Without a lender, one after another on the calling thread. With one,
/// each page on a thread of its own: one page at a time with the engine of the job's slot, and one
/// more with each engine the worker lends, which goes back as soon as its page is read (a slot that
/// waits for its engine comes first). The calling thread hands out the pages, reports progress and
/// talks to the lender; the pages come back in order.
final class PageReading: @unchecked Sendable {
    typealias PageHook = (Int, Int) throws -> Void

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var nextPage = 1
    private var pages: [Page?]
    /// Pages read since the calling thread last looked.
    private var finishedUnreported: [Int] = []
    private var pagesInHand = 0
    private var stopped = false
    private var failure: (page: Int, error: any Error)?
    private var spareReaders: [any DocumentReader] = []

    private let total: Int
    private let openReader: () throws -> any DocumentReader
    private let engines: EnginePool
    private let language: OCRLanguage
    private let beforePage: PageHook
    private let lender: EngineLender?

    /// How often the calling thread asks again for an engine while pages wait for one.
    private static let borrowInterval = 0.25

    init(pageCount: Int, openReader: @escaping () throws -> any DocumentReader, engines: EnginePool, language: OCRLanguage,
         lender: EngineLender?, beforePage: @escaping PageHook) {
        self.language = language
        total = pageCount
        pages = Array(repeating: nil, count: pageCount)
        self.openReader = openReader
        self.engines = engines
        self.lender = lender
        self.beforePage = beforePage
    }

    /// Reads every page, starting with `reader`. `pageDone(done, total)` runs on the calling thread
    /// as pages are read; it may throw to stop the reading.
    func read(with reader: any DocumentReader, tally: inout WordTally, pageDone: PageHook) throws -> [Page] {
        spareReaders = [reader]
        if let lender {
            try readAtOnce(lender: lender, tally: &tally, pageDone: pageDone)
        } else {
            try readInTurn(with: reader, tally: &tally, pageDone: pageDone)
        }
        if let failure = condition.withLock({ failure }) { throw failure.error }
        return pages.compactMap { $0 }
    }

    private func readInTurn(with reader: any DocumentReader, tally: inout WordTally, pageDone: PageHook) throws {
        var engine: Result<OCREngine, any Error>?
        defer { engine.map { engines.putBack($0, language: language) } }
        while let number = takePage() {
            read(number, with: reader, engine: {
                if engine == nil { engine = Result { try engines.take(language) } }
                return try engine!.get()
            })
            guard let page = condition.withLock({ pages[number - 1] }) else { return }
            try tally.add(page.words.count, onPage: number)
            try pageDone(number, total)
        }
    }

    private func readAtOnce(lender: EngineLender, tally: inout WordTally, pageDone: PageHook) throws {
        var done = 0
        var borrowed = 0
        defer { for _ in 0..<borrowed { lender.giveBack() } }
        do {
            while true {
                condition.lock()
                while pagesInHand < 1 + borrowed, let number = takePageLocked() {
                    pagesInHand += 1
                    startReading(number)
                }
                let pagesWaiting = !stopped && nextPage <= total
                condition.unlock()
                if pagesWaiting, lender.borrow() {
                    borrowed += 1
                    continue
                }
                condition.lock()
                if finishedUnreported.isEmpty, pagesInHand > 0 || pagesWaiting {
                    if pagesWaiting {
                        _ = condition.wait(until: Date().addingTimeInterval(Self.borrowInterval))
                    } else {
                        condition.wait()
                    }
                }
                let finished = finishedUnreported.compactMap { pages[$0 - 1] }
                finishedUnreported.removeAll()
                let over = pagesInHand == 0 && (stopped || nextPage > total)
                condition.unlock()
                for _ in 0..<min(finished.count, borrowed) {
                    lender.giveBack()
                    borrowed -= 1
                }
                for page in finished { try tally.add(page.words.count, onPage: page.number) }
                if !finished.isEmpty {
                    done += finished.count
                    try pageDone(done, total)
                }
                if over { return }
            }
        } catch {
            condition.withLock { stopped = true }
            condition.withLock { while pagesInHand > 0 { condition.wait() } }
            throw error
        }
    }

    private func takePage() -> Int? {
        condition.withLock { takePageLocked() }
    }

    private func takePageLocked() -> Int? {
        guard !stopped, nextPage <= total else { return nil }
        defer { nextPage += 1 }
        return nextPage
    }

    private func read(_ number: Int, with reader: any DocumentReader, engine: () throws -> OCREngine) {
        lender?.reading(page: number)
        defer { lender?.read(page: number) }
        do {
            try beforePage(number, total)
            let page = try reader.readPage(number, ocr: engine)
            condition.withLock { pages[number - 1] = page }
        } catch {
            condition.withLock {
                // The earliest page's error is the one a reading page after page would have met.
                if failure.map({ number < $0.page }) ?? true { failure = (number, error) }
                stopped = true
            }
        }
    }

    private func startReading(_ number: Int) {
        let thread = Thread { [self] in
            // Taken only when the page needs OCR: a text-layer page reads without one.
            var engine: Result<OCREngine, any Error>?
            defer { engine.map { engines.putBack($0, language: language) } }
            do {
                let reader = try condition.withLock { spareReaders.popLast() } ?? openReader()
                read(number, with: reader, engine: {
                    if engine == nil { engine = Result { try engines.take(language) } }
                    return try engine!.get()
                })
                condition.withLock { spareReaders.append(reader) }
            } catch {
                condition.withLock {
                    if failure.map({ number < $0.page }) ?? true { failure = (number, error) }
                    stopped = true
                }
            }
            condition.withLock {
                pagesInHand -= 1
                finishedUnreported.append(number)
                condition.broadcast()
            }
        }
        // Tesseract and Leptonica recurse deeply on some pages; the worker's own threads get as much.
        thread.stackSize = 32 << 20
        thread.start()
    }
}

/// The OCR engines a job child keeps for the threads that read its pages, one kind per language:
/// created when first needed and reused for every later page and job in that language.
final class EnginePool: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [OCRLanguage: [OCREngine]] = [:]
    /// Languages by when their engines were last put back, the latest last.
    private var recentLanguages: [OCRLanguage] = []

    /// A child reading documents in many languages keeps engines for this many of them: each holds
    /// its models in memory.
    static let languagesKept = 3

    /// A spare engine for `language`, or a new one.
    func take(_ language: OCRLanguage) throws -> OCREngine {
        if let engine = lock.withLock({ spare[language]?.popLast() }) { return engine }
        return try OCREngine(language: language.description)
    }

    func putBack(_ engine: Result<OCREngine, any Error>, language: OCRLanguage) {
        guard case .success(let engine) = engine else { return }
        lock.withLock {
            spare[language, default: []].append(engine)
            recentLanguages.removeAll { $0 == language }
            recentLanguages.append(language)
            while recentLanguages.count > Self.languagesKept { spare[recentLanguages.removeFirst()] = nil }
        }
    }
}
