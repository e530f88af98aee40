extension Duration {
    /// Whole milliseconds for libcurl's `*_MS` options, at least 1: libcurl reads 0 as "no limit",
    /// which a caller asking for a tiny timeout never means.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return seconds > 0 ? Int.max : 1 }
        let total = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        guard !total.overflow else { return Int.max }
        return Int(clamping: max(total.partialValue, 1))
    }

    /// Milliseconds as a fraction, for log metadata.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
