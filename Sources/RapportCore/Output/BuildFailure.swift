/// A build that could not finish for a reason outside the content's own mistakes (I/O, a refused
/// folder, no study in the folder).
public struct BuildFailure: Error, Sendable {
    public var message: String
    /// What the summary line says after "failed: " (by default, that the site could not be written).
    public var summary: String?

    public init(message: String, summary: String? = nil) {
        self.message = message
        self.summary = summary
    }
}
