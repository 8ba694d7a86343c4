import DocketModel
import PostgresNIO

/// Writes a job's results inside the transaction that completes the job, so that they commit
/// with its success or not at all.
struct PostgresResultWriter: ResultWriter {
    let connection: PostgresConnection
    /// When the job completed: the time its results are stored under.
    let now: Double

    func replacePages(of document: Int64, with pages: [Page]) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func replacePages(of document: Int64, withStaged staged: StagedPages) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func recordRun(of document: Int64, job: Int64, seconds: Double) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func insertAnswers(_ answers: [Answer], of document: Int64, job: Int64?) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func replaceFields(of document: Int64, job: Int64?, type: DocumentType, fields: [DocumentField]) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func replaceImageMetadata(of document: Int64, with metadata: ImageMetadata) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func replaceReport(of document: Int64, job: Int64?, json: String) throws {
        throw PostgresStore.unimplemented(#function)
    }

    func pairByAccessionNumber(_ document: Int64) throws {
        throw PostgresStore.unimplemented(#function)
    }
}
