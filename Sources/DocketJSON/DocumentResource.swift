import DocketModel
import DocketStore

/// A stored document and what reading it found, in one line: `docket documents`, `export documents`,
/// the document of `docket show` and of each `docket submit` receipt.
public struct DocumentResource: Codable, Sendable, Equatable {
    public var id: Int64
    /// The file's name as submitted.
    public var name: String
    /// What it was read as (invoice, receipt, form, letter, medical-report, other); nil until read.
    public var type: DocumentType?
    public var mediaType: String
    public var bytes: Int
    public var sha256: String
    public var pageCount: Int
    public var wordCount: Int
    /// Where the pages' text came from: text-layer, ocr, plain-text; empty until read.
    public var sources: [TextSource]
    /// Mean word confidence, 0...100; nil without words.
    public var meanConfidence: Double?
    /// How long reading it took; nil until read.
    public var readSeconds: Double?
    /// When it was submitted.
    public var createdAt: RFC3339Time

    public init(from summary: DocumentSummary) {
        let record = summary.document
        id = record.id
        name = record.originalName
        type = record.documentType
        mediaType = record.mediaType.rawValue
        bytes = record.byteCount
        sha256 = record.sha256
        pageCount = summary.pageCount
        wordCount = summary.wordCount
        sources = summary.sources
        meanConfidence = summary.meanConfidence
        readSeconds = summary.seconds
        createdAt = RFC3339Time(secondsSince1970: record.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, mediaType = "media_type", bytes, sha256, pageCount = "page_count", wordCount = "word_count", sources
        case meanConfidence = "mean_confidence", readSeconds = "read_seconds", createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(mediaType, forKey: .mediaType)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(wordCount, forKey: .wordCount)
        try container.encode(sources, forKey: .sources)
        try container.encode(meanConfidence, forKey: .meanConfidence)
        try container.encode(readSeconds, forKey: .readSeconds)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

/// An image's size and, for DICOM, its attributes.
public struct ImageResource: Codable, Sendable, Equatable {
    public var widthPixels: Int
    public var heightPixels: Int
    /// Pixels per inch the file declares; nil when it declares none.
    public var resolution: Double?
    public var dicom: DICOMResource?

    /// The preview is left out; `metadata` is shown as given, so hide identifiers before when they are to be hidden.
    public init(from metadata: ImageMetadata) {
        widthPixels = metadata.widthPixels
        heightPixels = metadata.heightPixels
        resolution = metadata.resolution
        dicom = metadata.dicom.map(DICOMResource.init(from:))
    }

    enum CodingKeys: String, CodingKey {
        case widthPixels = "width_pixels", heightPixels = "height_pixels", resolution, dicom
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(widthPixels, forKey: .widthPixels)
        try container.encode(heightPixels, forKey: .heightPixels)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(dicom, forKey: .dicom)
    }
}

/// The DICOM attributes Docket keeps; identifiers read "(hidden)" unless they were asked for.
public struct DICOMResource: Codable, Sendable, Equatable {
    public var modality: String?
    public var bodyPart: String?
    /// YYYY-MM-DD.
    public var studyDate: String?
    public var studyDescription: String?
    public var patientName: String?
    public var patientID: String?
    public var patientBirthDate: String?
    public var studyInstanceUID: String?
    public var studyID: String?
    public var accessionNumber: String?

    public init(from attributes: DICOMAttributes) {
        modality = attributes.modality
        bodyPart = attributes.bodyPart
        studyDate = attributes.studyDate
        studyDescription = attributes.studyDescription
        patientName = attributes.patientName
        patientID = attributes.patientID
        patientBirthDate = attributes.patientBirthDate
        studyInstanceUID = attributes.studyInstanceUID
        studyID = attributes.studyID
        accessionNumber = attributes.accessionNumber
    }

    enum CodingKeys: String, CodingKey {
        case modality, bodyPart = "body_part", studyDate = "study_date", studyDescription = "study_description"
        case patientName = "patient_name", patientID = "patient_id", patientBirthDate = "patient_birth_date"
        case studyInstanceUID = "study_instance_uid", studyID = "study_id", accessionNumber = "accession_number"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(modality, forKey: .modality)
        try container.encode(bodyPart, forKey: .bodyPart)
        try container.encode(studyDate, forKey: .studyDate)
        try container.encode(studyDescription, forKey: .studyDescription)
        try container.encode(patientName, forKey: .patientName)
        try container.encode(patientID, forKey: .patientID)
        try container.encode(patientBirthDate, forKey: .patientBirthDate)
        try container.encode(studyInstanceUID, forKey: .studyInstanceUID)
        try container.encode(studyID, forKey: .studyID)
        try container.encode(accessionNumber, forKey: .accessionNumber)
    }
}

/// What `docket show --format json` prints: the document, its image attributes, and its pages as read.
public struct DocumentPagesResource: Codable, Sendable, Equatable {
    public var document: DocumentResource
    /// Nil for a document that is not an image.
    public var image: ImageResource?
    public var pages: [PageResource]

    public init(document: DocumentSummary, image: ImageMetadata?, pages: [Page]) {
        self.document = DocumentResource(from: document)
        self.image = image.map(ImageResource.init(from:))
        self.pages = pages.map { PageResource(from: $0, documentID: document.document.id) }
    }

    enum CodingKeys: String, CodingKey {
        case document, image, pages
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(document, forKey: .document)
        try container.encode(image, forKey: .image)
        try container.encode(pages, forKey: .pages)
    }
}

/// A study: images joined with their written report. `docket studies`.
public struct StudyResource: Codable, Sendable, Equatable {
    public struct Member: Codable, Sendable, Equatable {
        public var documentID: Int64
        public var documentName: String
        public var mediaType: String
        /// image or report.
        public var role: String

        public init(from member: Study.Member) {
            documentID = member.document.id
            documentName = member.document.originalName
            mediaType = member.document.mediaType.rawValue
            role = member.role.rawValue
        }

        enum CodingKeys: String, CodingKey {
            case documentID = "document_id", documentName = "document_name", mediaType = "media_type", role
        }
    }

    public var id: Int64
    public var key: String
    public var members: [Member]

    public init(from study: Study) {
        id = study.id
        key = study.key
        members = study.members.map(Member.init(from:))
    }
}
