import Foundation

/// What the HTTP side needs to know about the builds, shared between the watcher (which
/// builds) and every request (which reads). Long polls wait here for the next build.
actor SiteState {
    /// The site as of the last finished build.
    struct Current: Sendable {
        /// `<server instance>-<build number>`: changes with every build, and across restarts.
        var token: String
        /// The last site that built without errors.
        var site: SiteFiles
        /// The page shown instead of the site's pages while the last build failed (with the
        /// reload script).
        var errorPage: Data?
        /// The base paths the site had earlier in this session (`baseURL` edited while the
        /// preview runs), longest first: a page open at one of them follows the site.
        var formerBasePaths: [String] = []
    }

    private(set) var current = Current(token: "", site: SiteFiles(), errorPage: nil)
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter = 0

    /// Publishes a build: from now on requests get `site` (nil: the build failed, keep the
    /// previous one) or the error page, and every waiting page is told to reload.
    func finishBuild(token: String, site: SiteFiles?, errorPage: Data?) {
        var former = current.formerBasePaths
        if let site, !current.token.isEmpty, site.basePath != current.site.basePath {
            former = ([current.site.basePath] + former.filter { $0 != current.site.basePath && $0 != site.basePath })
                .sorted { $0.count > $1.count }
        }
        current = Current(token: token, site: site ?? current.site, errorPage: errorPage, formerBasePaths: former)
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume() }
    }

    /// Returns the token of the current build as soon as it differs from `token`, or after
    /// `timeout` (the client then asks again).
    func nextToken(after token: String, timeout: Duration) async -> String {
        if token == current.token { await nextBuild(timeout: timeout) }
        return current.token
    }

    /// Releases every waiter (the server stops).
    func releaseAll() {
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume() }
    }

    private func nextBuild(timeout: Duration) async {
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                waiters[id] = continuation
                Task {
                    try? await Task.sleep(for: timeout)
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
}

/// One build of the site in memory: exactly the files `rapport build` writes (its assets
/// excepted, which are served from `Templates/assets`), HTML pages already carrying the
/// reload script of their build.
struct SiteFiles: Sendable {
    var files: [String: Data] = [:]
    /// The path the site is published under (`/` or `/studie/`).
    var basePath = "/"

    enum Lookup: Equatable {
        case file(path: String, Data)
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
