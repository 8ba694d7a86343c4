import DocketFixtures

/// `chest-xray.dcm`: a made-up chest radiograph as DICOM (Secondary Capture, JPEG), for the same
/// fictional patient and examination as `radiology-report.txt`; the two share an accession number,
/// so Docket joins them into one study. Fixed UIDs and times keep the file the same on every run.
enum ChestRadiographSample {
    static let fileName = "chest-xray.dcm"
    static let accessionNumber = "DEMO-ACC-0042"

    static func bytes() -> [UInt8] {
        do {
            return try DICOMFixture.make(jpeg: Fixtures.radiograph(), attributes: [
                "PatientName": "Sample^Patient", "PatientID": "DEMO-000123", "PatientBirthDate": "19710519", "PatientSex": "O",
                "Modality": "CR", "BodyPartExamined": "CHEST", "StudyDescription": "Chest PA and lateral",
                "StudyDate": "20260227", "StudyTime": "101500", "ContentDate": "20260227", "ContentTime": "101500",
                "InstanceCreationDate": "20260227", "InstanceCreationTime": "101500",
                "AccessionNumber": accessionNumber, "StudyID": "1", "SeriesNumber": "1", "InstanceNumber": "1",
                "StudyInstanceUID": "2.25.302651771386453105716302914263640780001",
                "SeriesInstanceUID": "2.25.302651771386453105716302914263640780002",
                "SOPInstanceUID": "2.25.302651771386453105716302914263640780003",
            ])
        } catch {
            fatalError("\(error)")
        }
    }
}
