import DocketModel

/// What a submit asks of the job it creates.
public struct SubmitOptions: Sendable, Equatable {
    public var questions: [String]
    /// Higher runs first.
    public var priority: Int
    public var password: String?
    /// A second submit with the same key returns the first job and stores nothing.
    public var idempotencyKey: String?
    /// Seconds since 1970 before which the job is not run.
    public var notBefore: Double?
    public var maxAttempts: Int
    /// The job also builds the document's report and stores it.
    public var wantsReport: Bool
    /// Joins the submitted documents into the study with this key: images as its images, the
    /// others as its written report.
    public var study: String?
    /// Where to POST the job's final state and answers when it ends (http or https).
    public var callbackURL: String?
    /// The languages Tesseract reads the document's scanned pages in.
    public var language: OCRLanguage

    public init(questions: [String] = [], priority: Int = 0, password: String? = nil,
                idempotencyKey: String? = nil, notBefore: Double? = nil, maxAttempts: Int = 3,
                wantsReport: Bool = false, study: String? = nil, callbackURL: String? = nil,
                language: OCRLanguage = .english) {
        self.language = language
        self.callbackURL = callbackURL
        self.wantsReport = wantsReport
        self.study = study
        self.questions = questions
        self.priority = priority
        self.password = password
        self.idempotencyKey = idempotencyKey
        self.notBefore = notBefore
        self.maxAttempts = maxAttempts
    }
}

/// What a submit did with one file.
public struct SubmitReceipt: Codable, Sendable, Equatable {
    public var name: String
    public var documentID: Int64
    public var jobID: Int64
    public var mediaType: String
    public var sha256: String
    /// The same bytes were already stored; the document was reused.
    public var reusedDocument: Bool
    /// The idempotency key matched an earlier job, which is returned instead of a new one.
    public var reusedJob: Bool
}
