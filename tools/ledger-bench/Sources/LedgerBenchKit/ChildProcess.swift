import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child process and measures it from outside: the
/// time to its first byte of output, the time to its exit, and its peak
/// resident memory.
///
/// Peak memory is sampled from the child's `VmHWM` in /proc every 2 ms,
/// because `ru_maxrss` from `wait4` is no use here: Linux carries the
/// spawning process's own peak into the child's across `exec`.
public struct ChildProcess {
    /// The measurements of one run of a child.
    public struct Outcome {
        public var exitStatus: Int32
        /// Seconds from spawn to the first byte on standard output; nil
        /// when the child printed nothing.
        public var firstOutputSeconds: Double?
        public var totalSeconds: Double
        /// The child's peak resident set size in bytes, as last sampled
        /// before it exited.
        public var peakResidentBytes: Int64
        public var standardOutput: Data
    }

    public enum Failure: Error, CustomStringConvertible {
        case spawnFailed(String, Int32)

        public var description: String {
            switch self {
            case .spawnFailed(let path, let code):
                return "could not start \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `executable` with `arguments`, standard input from /dev/null and
    /// standard error passed through, and reads its standard output whole.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Outcome {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failure.spawnFailed(executable, errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        let start = monotonicSeconds()
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(pipeEnds[1])
        guard code == 0 else {
            close(pipeEnds[0])
            throw Failure.spawnFailed(executable, code)
        }

        let sampler = PeakMemorySampler(pid: pid)
        sampler.start()

        var output = Data()
        var firstOutput: Double?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(pipeEnds[0], &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            if firstOutput == nil {
                firstOutput = monotonicSeconds() - start
            }
            output.append(contentsOf: buffer[0..<count])
        }
        close(pipeEnds[0])

        // The child has closed its output; sample until it is gone so the
        // last reading is as late as possible.
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            sampler.sample()
            usleep(500)
        }
        let total = monotonicSeconds() - start
        sampler.stop()
        // WEXITSTATUS and WIFEXITED are macros Swift does not import.
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(
            exitStatus: exitStatus,
            firstOutputSeconds: firstOutput,
            totalSeconds: total,
            peakResidentBytes: sampler.peakBytes,
            standardOutput: output)
    }
}

/// Samples a running process's `VmHWM` on a background thread.
final class PeakMemorySampler: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var peak: Int64 = 0
    private var running = true

    init(pid: pid_t) {
        path = "/proc/\(pid)/status"
    }

    var peakBytes: Int64 {
        lock.withLock { peak }
    }

    func start() {
        Thread.detachNewThread { [self] in
            while lock.withLock({ running }) {
                sample()
                usleep(2_000)
            }
        }
    }

    func stop() {
        lock.withLock { running = false }
    }

    /// Reads the current high-water mark. A process that has exited has no
    /// status file any more, so its last reading is kept.
    func sample() {
        guard let bytes = highWaterBytes(statusFile: path) else { return }
        lock.withLock { peak = max(peak, bytes) }
    }
}

/// Returns `VmHWM` from a /proc status file in bytes, nil when it is missing.
func highWaterBytes(statusFile path: String) -> Int64? {
    guard let status = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
        return kilobytes.map { $0 * 1024 }
    }
    return nil
}

/// Seconds on a clock that never jumps, for measuring durations.
public func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// User plus system CPU seconds this process has used so far.
public func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}
