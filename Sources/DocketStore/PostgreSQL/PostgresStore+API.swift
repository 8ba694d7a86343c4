import PostgresNIO

extension PostgresStore {
    public func jobs(_ query: JobQuery) throws -> [JobRecord] {
        var statement = PostgresStatement(Self.jobSelect + " WHERE true")
        if let state = query.state { statement.sql += " AND jobs.state = \(statement.bind(state.rawValue))" }
        if let document = query.document { statement.sql += " AND jobs.document_id = \(statement.bind(document))" }
        if let before = query.beforeID { statement.sql += " AND jobs.id < \(statement.bind(before))" }
        statement.sql += " ORDER BY jobs.id DESC LIMIT \(statement.bind(query.limit))"
        return try pool.withConnection { connection in try connection.run(statement.query).map(Self.jobRecord) }
    }

    public func storeDocument(_ document: DocumentToQueue) throws -> (id: Int64, reused: Bool) {
        let now = clock.now()
        return try pool.withTransaction { connection in
            try Self.insertDocument(connection, content: document.content, sha256: document.sha256, mediaType: document.mediaType,
                                    originalName: document.name, now: now)
        }
    }

    public func deleteDocument(_ id: Int64) throws -> DocumentDeletion {
        try pool.withTransaction { connection in
            // Locks the row, so that no worker claims a job of the document while it is deleted.
            guard try connection.run("SELECT id FROM documents WHERE id = \(id) FOR UPDATE").first != nil else {
                throw StoreError.documentNotFound(id)
            }
            if let running = try connection.run("SELECT id FROM jobs WHERE document_id = \(id) AND state = 'running' LIMIT 1 FOR UPDATE")
                .first?.decode(Int64.self) {
                return .jobRunning(job: running)
            }
            try connection.run("DELETE FROM jobs WHERE document_id = \(id)")
            try connection.run("DELETE FROM documents WHERE id = \(id)")
            return .deleted
        }
    }
}
