/// `radiology-report.txt`: a fictional chest X-ray report as plain UTF-8 text.
enum RadiologyReportSample {
    static let fileName = "radiology-report.txt"

    static func bytes() -> [UInt8] {
        Array(text.utf8)
    }

    static let text = """
        RADIOLOGY REPORT

        Patient: Sample Patient (fictional, for demonstration only)
        Patient ID: DEMO-000123
        Date of birth: 1971-05-19
        Examination: Chest X-ray, PA and lateral views
        Examination date: 2026-02-27
        Accession No: DEMO-ACC-0042
        Referring physician: Dr. Alan Whitaker
        Reporting radiologist: Dr. Priya Raman

        INDICATION:
        Cough and low-grade fever for five days. Rule out pneumonia.

        TECHNIQUE:
        Frontal (PA) and lateral radiographs of the chest, obtained upright at full inspiration.

        COMPARISON:
        None available.

        FINDINGS:
        The lungs are clear, with no focal consolidation, mass or nodule.
        No pleural effusion or pneumothorax.
        Heart size is normal. The mediastinal and hilar contours are within normal limits.
        The trachea is midline.
        No acute osseous abnormality is seen.

        IMPRESSION:
        No acute cardiopulmonary abnormality.

        Electronically signed by Dr. Priya Raman on 2026-02-27 at 16:42.

        """
}
