import Dispatch

/// The result of work started on a background queue, which the caller
/// waits for when it needs it.
final class BackgroundBatch<Output: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the queue before `done` is signalled, and read only
    // after waiting on `done`, so the semaphore orders the two accesses.
    private var output: Output?

    /// Starts `work` on `queue`.
    init(on queue: DispatchQueue, _ work: @escaping @Sendable () -> Output) {
        queue.async { [self] in
            output = work()
            done.signal()
        }
    }

    /// Waits for the work to finish and returns its output. It may be
    /// called again, and then returns at once.
    func wait() -> Output {
        done.wait()
        done.signal()
        return output!
    }
}
