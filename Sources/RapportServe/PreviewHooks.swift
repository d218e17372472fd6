import Foundation

/// What the tests observe of the preview's builds, and where they can hold a full build back
/// (to see what is served before it ends). Nothing is set outside the tests.
final class PreviewHooks: @unchecked Sendable {
    private let lock = NSLock()
    private var before: (@Sendable () -> Void)?
    private var after: (@Sendable () -> Void)?
    private var changed: (@Sendable ([String]?) -> Void)?

    /// Called on the build thread before each full build after the first one.
    var beforeFullBuild: (@Sendable () -> Void)? {
        get { lock.withLock { before } }
        set { lock.withLock { before = newValue } }
    }

    /// Called once a full build is published (the first one included).
    var afterFullBuild: (@Sendable () -> Void)? {
        get { lock.withLock { after } }
        set { lock.withLock { after = newValue } }
    }

    /// Called after each save with the chapter files served at once (nil: the full build only).
    var changedPages: (@Sendable ([String]?) -> Void)? {
        get { lock.withLock { changed } }
        set { lock.withLock { changed = newValue } }
    }
}
