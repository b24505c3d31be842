// Hand-written beside the generated bindings, as in Kotlin and Python: the metrics with the
// cached gets token sources answered in Swift passed on first, so the totals stay honest.

import Foundation

/// The SDK's metrics for this process: read these rather than the generated `metrics()`,
/// which sees only what reached the library.
public enum VippsMetrics {
    /// Every series now: `snapshot().value(name: "vipps_auth_logins_total", labels: ["event": "completed"])`.
    public static func snapshot() -> MetricsSnapshot {
        report()
        return metrics()
    }

    /// Every series in the Prometheus text exposition format, for a `/metrics` endpoint.
    public static func prometheus() -> String {
        report()
        return metricsPrometheus()
    }

    static func countHit() {
        sourceHits.add()
    }

    private static let sourceHits = HitCount()

    private static func report() {
        let hits = sourceHits.take()
        if hits > 0 { recordCachedGets(gets: hits) }
    }
}

/// Hits not yet passed to the library, under a lock.
private final class HitCount: @unchecked Sendable {
    private let lock = NSLock()
    private var hits: UInt64 = 0

    func add() {
        lock.lock()
        hits &+= 1
        lock.unlock()
    }

    func take() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        let taken = hits
        hits = 0
        return taken
    }
}
