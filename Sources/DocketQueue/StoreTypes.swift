import DocketStore

// The queue's jobs are kept by the store, which defines what it records of them; the queue's
// callers name them as the queue's.
public typealias JobState = DocketStore.JobState
public typealias JobRecord = DocketStore.JobRecord
public typealias ClaimedJob = DocketStore.ClaimedJob
public typealias JobProgress = DocketStore.JobProgress
public typealias ProgressVerdict = DocketStore.ProgressVerdict
public typealias QueueError = DocketStore.QueueError
public typealias QueueStats = DocketStore.QueueStats
public typealias SubmitOptions = DocketStore.SubmitOptions
public typealias SubmitReceipt = DocketStore.SubmitReceipt
public typealias ResultWriter = DocketStore.ResultWriter
