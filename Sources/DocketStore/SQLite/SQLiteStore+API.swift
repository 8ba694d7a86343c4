import GRDB

extension SQLiteStore {
    public func jobs(_ query: JobQuery) throws -> [JobRecord] {
        try database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let state = query.state {
                conditions.append("jobs.state = ?")
                arguments += [state.rawValue]
            }
            if let document = query.document {
                conditions.append("jobs.document_id = ?")
                arguments += [document]
            }
            if let before = query.beforeID {
                conditions.append("jobs.id < ?")
                arguments += [before]
            }
            arguments += [query.limit]
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: Self.jobSelect + filter + " ORDER BY jobs.id DESC LIMIT ?", arguments: arguments)
                .map(Self.jobRecord)
        }
    }

    public func storeDocument(_ document: DocumentToQueue) throws -> (id: Int64, reused: Bool) {
        let now = clock.now()
        return try database.write { db in
            try Self.insertDocument(db, content: document.content, sha256: document.sha256, mediaType: document.mediaType,
                                    originalName: document.name, now: now)
        }
    }

    public func deleteDocument(_ id: Int64) throws -> DocumentDeletion {
        try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError.documentNotFound(id)
            }
            if let running = try Int64.fetchOne(db, sql: "SELECT id FROM jobs WHERE document_id = ? AND state = 'running' LIMIT 1",
                                                arguments: [id]) {
                return .jobRunning(job: running)
            }
            try db.execute(sql: "DELETE FROM jobs WHERE document_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
            return .deleted
        }
    }
}
