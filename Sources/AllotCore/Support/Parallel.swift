import Foundation

/// Runs `body(0..<count)` on up to `jobs` threads; returns when all are done.
func parallelFor(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> Void) {
    guard count > 0 else { return }
    if jobs <= 1 || count == 1 {
        for i in 0..<count { body(i) }
        return
    }
    let next = Counter()
    let group = DispatchGroup()
    for _ in 0..<min(jobs, count) {
        group.enter()
        let worker = Thread {
            while true {
                let i = next.increment() - 1
                guard i < count else { break }
                body(i)
            }
            group.leave()
        }
        worker.start()
    }
    group.wait()
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds one and returns the new value.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Fixed slots written by worker threads, read after they finish.
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> T? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
