/// How hard a connection's commits try to reach the disk.
public enum StoreDurability: Sendable {
    /// `synchronous = FULL`: a commit survives power loss. For submits: a job the user was told about is never lost.
    case full
    /// `synchronous = NORMAL`: a power cut may lose the last commits. For claims, heartbeats and results,
    /// whose loss only makes a job run again.
    case normal
}

/// What a command may do to the database it opens.
public enum StoreAccess: Sendable {
    /// Create the database and its folder if needed, and bring its schema up to date.
    case readWrite
    /// Open an existing database as it is: nothing is created, migrated or set, and the file
    /// is not written, so a read-only file in a read-only folder can be read.
    case readOnly
}
