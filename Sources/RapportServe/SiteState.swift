import Foundation
import RapportCore

/// What the HTTP side needs to know about the builds, shared between the builds (which
/// publish) and every request (which reads). Long polls wait here until what their page shows
/// changes.
///
/// Each page knows the version of what it shows (`Current.version(ofPage:)`, put in its reload
/// script when served): the publication in which the bytes of the file at its address last
/// changed, or that of the error page while the site fails, with the base path's. A
/// publication (a saved chapter, a full build) answers the long polls of the pages whose
/// version it changed, and only those: a page whose bytes a full build made again the same
/// does not reload.
actor SiteState {
    /// The site as of the last publication.
    struct Current: Sendable {
        /// `<server instance>-<publication>`: changes with every publication, and across
        /// restarts (the long poll of a client that names no page).
        var token: String
        /// The last site that built without errors (the saved chapters served since then included).
        var site: SiteFiles
        /// The page shown instead of the site's pages while the last build failed (the reload
        /// script is added when it is served).
        var errorPage: [UInt8]?
        /// The base paths the site had earlier in this session (`baseURL` edited while the
        /// preview runs), longest first: a page open at one of them follows the site.
        var formerBasePaths: [String] = []
        /// The server (a page from a previous run reloads), and the publication in which each
        /// file's bytes, the error page, and the base path last changed.
        var instance = ""
        var changes: [String: Int] = [:]
        var errorChange = 0
        var baseChange = 0

        /// The version of what a request for `rawPath` (still percent-encoded) gets now.
        func version(ofPage rawPath: String) -> String {
            if errorPage != nil { return "\(instance)-e\(errorChange)" }
            let prefix = "\(instance)-\(baseChange)."
            guard case let .success(segments) = SitePath.segments(ofRawPath: rawPath) else { return prefix + "x" }
            let base = SiteHandler.decodedSegments(site.basePath)
            guard segments.starts(with: base) else { return prefix + "r" }
            switch site.lookup(Array(segments.dropFirst(base.count)), rawPath: rawPath, query: "") {
            case let .file(path, _): return prefix + String(changes[path] ?? 0)
            case .redirect: return prefix + "r"
            case .none: return prefix + "n" + String(changes["404.html"] ?? 0)
            }
        }
    }

    private(set) var current: Current
    private var publications = 0
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0
    private var stopped = false

    init(instance: String) {
        current = Current(token: "", site: SiteFiles(), errorPage: nil, instance: instance)
    }

    /// Publishes a full build: from now on requests get `site` (nil: the build failed, keep the
    /// previous one) or the error page. Files whose bytes are those already served keep their
    /// version (compared by identity first: pages taken from the build cache share their bytes).
    func publish(site: SiteFiles?, errorPage: [UInt8]?) {
        let number = nextPublication()
        var next = current
        if let site {
            if !current.token.isEmpty, site.basePath != current.site.basePath {
                next.formerBasePaths = ([current.site.basePath] + current.formerBasePaths.filter { $0 != current.site.basePath && $0 != site.basePath })
                    .sorted { $0.count > $1.count }
                next.baseChange = number
            }
            var changes: [String: Int] = [:]
            changes.reserveCapacity(site.files.count)
            for (path, bytes) in site.files {
                let old = current.site.files[path]
                changes[path] = old.map { Self.same($0, bytes) } == true ? current.changes[path] ?? number : number
            }
            next.site = site
            next.changes = changes
        }
        if let errorPage, current.errorPage.map({ Self.same($0, errorPage) }) != true { next.errorChange = number }
        next.errorPage = errorPage
        next.token = "\(current.instance)-\(number)"
        current = next
        wakeAll()
    }

    /// Publishes the files of saved chapters, rendered alone (`Pipeline.renderChanged`), into
    /// the site served: only these files change. False (nothing done) while the error page is
    /// shown, or before the first build.
    func publish(pages: [OutputFile]) -> Bool {
        guard current.errorPage == nil, !current.token.isEmpty else { return false }
        let number = nextPublication()
        for file in pages where current.site.files[file.path].map({ Self.same($0, file.bytes) }) != true {
            current.site.files[file.path] = file.bytes
            current.changes[file.path] = number
        }
        current.token = "\(current.instance)-\(number)"
        wakeAll()
        return true
    }

    /// The version of `page` (its raw path; nil: the token of the last publication) as soon
    /// as it differs from `version`, or after `timeout` (the client then asks again).
    func nextVersion(of page: String?, after version: String, timeout: Duration) async -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let now = page.map(current.version(ofPage:)) ?? current.token
            if now != version || stopped || Task.isCancelled || ContinuousClock.now >= deadline { return now }
            await nextPublication(until: deadline)
        }
    }

    /// Returns the token of the current publication as soon as it differs from `token`, or after `timeout`.
    func nextToken(after token: String, timeout: Duration) async -> String {
        await nextVersion(of: nil, after: token, timeout: timeout)
    }

    /// Releases every waiter (the server stops).
    func releaseAll() {
        stopped = true
        wakeAll()
    }

    private func nextPublication() -> Int {
        publications += 1
        return publications
    }

    private func wakeAll() {
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume() }
    }

    private func nextPublication(until deadline: ContinuousClock.Instant) async {
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                waiters[id] = continuation
                Task {
                    try? await Task.sleep(until: deadline)
                    self.release(id)
                }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    private func release(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }

    /// Whether two files have the same bytes: the same storage (shared with the build cache),
    /// or equal contents.
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                x.baseAddress == y.baseAddress || x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
    }
}

/// One build of the site in memory: exactly the files `rapport build` writes (its assets
/// excepted, which are served from `Templates/assets`), as built: the bytes are those of the
/// build's result (shared with the build cache), the reload script is added to each HTML
/// response (`Pages.inject`), not stored.
struct SiteFiles: Sendable {
    var files: [String: [UInt8]] = [:]
    /// The path the site is published under (`/` or `/studie/`).
    var basePath = "/"

    enum Lookup: Equatable {
        case file(path: String, [UInt8])
        case redirect(String)
        case none
    }

    /// The file for decoded, checked path segments below the base path: the file itself, or
    /// a folder's `index.html` (a folder asked for without its `/` is redirected to it).
    func lookup(_ inside: [String], rawPath: String, query: String) -> Lookup {
        let path = inside.joined(separator: "/")
        if !path.isEmpty, let data = files[path] { return .file(path: path, data) }
        let index = path.isEmpty ? "index.html" : path + "/index.html"
        guard let data = files[index] else { return .none }
        if path.isEmpty || rawPath.hasSuffix("/") { return .file(path: index, data) }
        return .redirect(rawPath + "/" + (query.isEmpty ? "" : "?" + query))
    }
}
