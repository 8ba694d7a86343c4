/// What is known about an image document besides its text: its size and, for DICOM, the
/// attributes of its patient, study and acquisition.
public struct ImageMetadata: Codable, Sendable, Hashable {
    public var widthPixels: Int
    public var heightPixels: Int
    /// Pixels per inch the file declares; nil when it declares none.
    public var resolution: Double?
    public var dicom: DICOMAttributes?
    /// A PNG at most `ImageMetadata.previewSize` pixels on its longer side.
    public var preview: [UInt8]?

    public static let previewSize = 512

    public init(widthPixels: Int, heightPixels: Int, resolution: Double?, dicom: DICOMAttributes? = nil, preview: [UInt8]? = nil) {
        self.widthPixels = widthPixels
        self.heightPixels = heightPixels
        self.resolution = resolution
        self.dicom = dicom
        self.preview = preview
    }
}

/// The DICOM attributes Docket keeps. The patient's and study's identifiers are stored as the file
/// has them and hidden on output unless a person asks to see them (`--show-identifiers`).
public struct DICOMAttributes: Codable, Sendable, Hashable {
    public var modality: String?
    public var bodyPart: String?
    /// ISO 8601 (YYYY-MM-DD).
    public var studyDate: String?
    public var studyDescription: String?
    public var patientName: String?
    public var patientID: String?
    public var patientBirthDate: String?
    public var studyInstanceUID: String?
    public var studyID: String?
    public var accessionNumber: String?

    public init(
        modality: String? = nil, bodyPart: String? = nil, studyDate: String? = nil, studyDescription: String? = nil,
        patientName: String? = nil, patientID: String? = nil, patientBirthDate: String? = nil,
        studyInstanceUID: String? = nil, studyID: String? = nil, accessionNumber: String? = nil
    ) {
        self.modality = modality
        self.bodyPart = bodyPart
        self.studyDate = studyDate
        self.studyDescription = studyDescription
        self.patientName = patientName
        self.patientID = patientID
        self.patientBirthDate = patientBirthDate
        self.studyInstanceUID = studyInstanceUID
        self.studyID = studyID
        self.accessionNumber = accessionNumber
    }

    /// The same attributes with the patient's and the study's identifiers replaced by `hidden`.
    public func deidentified(as hidden: String = "(hidden)") -> DICOMAttributes {
        var copy = self
        copy.patientName = patientName.map { _ in hidden }
        copy.patientID = patientID.map { _ in hidden }
        copy.patientBirthDate = patientBirthDate.map { _ in hidden }
        copy.studyInstanceUID = studyInstanceUID.map { _ in hidden }
        copy.studyID = studyID.map { _ in hidden }
        copy.accessionNumber = accessionNumber.map { _ in hidden }
        return copy
    }
}
