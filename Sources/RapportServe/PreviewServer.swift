import Diagnostics
import Foundation
import RapportBase
import RapportCore

/// `rapport serve`: builds the site, serves it, watches `Content/` and `Templates/`, and after
/// every save serves the saved page first, then rebuilds the rest; an open page reloads once,
/// when what it shows changed.
///
///     watcher (stat every 100 ms,  ──save──▶ saved(changed)                     (+Build.swift)
///      woken early by inotify)        │ 1. only chapters, same front matter, no mistake:
///                                     │    Pipeline.renderChanged → those pages, in ms,
///                                     │    against the last good build ──▶ SiteState.publish(pages:)
///                                     │ 2. always: a full build, Pipeline.run(.memory) on the
///                                     │    build thread, unchanged pages from the MemoryCache
///                                     ▼    (one build's worth) ──▶ SiteState.publish(site:)
///                 SiteState: the files as built, each file's version, the error page
///                     │ a long poll names its page: answered when THAT page's version changes
///     browser ◀── page + reload script ◀── SiteHandler ◀── HTTPListener (HummingbirdCore,
///                 (added per response)                  RequestGuard: sizes and timeouts)
///
/// The pages are exactly those `rapport build` writes (same pipeline), kept in memory: a new
/// build is visible the instant it is rendered, without the hundreds of milliseconds that
/// writing and swapping `Public/` take, and a failed build keeps the previous site (its error
/// page shown instead). The saved page served first is what the full build makes of it (same
/// render context, checked like the site-wide checks would), so the full build gives it the
/// same bytes and it does not reload again; the full build always follows, and wins (a build
/// that a newer save overtook is not published). `Public/` is not touched (`make` writes it).
/// The reload script and the error page exist only in responses; the served site shares its
/// bytes with the build cache (no second copy of every page).
public actor PreviewServer {
    public struct Options: Sendable {
        /// The build (its destination is forced to `.memory`: the site is served from memory).
        public var pipeline: Pipeline.Options
        public var host: String
        /// 0: any free port (see `port` once started).
        public var port: UInt16
        /// How often the watched folders are scanned.
        public var pollInterval: Duration = .milliseconds(100)
        /// How often, while inotify watches every folder (Watcher.swift), and so wakes the
        /// watcher on every change.
        public var quietPollInterval: Duration = .seconds(2)
        /// After a change, the scan is repeated this long after until nothing moves any more
        /// (an editor saving several files, a `git checkout`), at most `settleLimit`.
        public var settleDelay: Duration = .milliseconds(30)
        public var settleLimit: Duration = .seconds(1)
        /// How long a reload request is held before the browser is told to ask again.
        public var longPollTimeout: Duration = .seconds(25)
        /// A connection that sends nothing, or whose request does not arrive whole, this long
        /// is closed (a request being answered, such as the long poll, is not cut).
        public var idleTimeout: Duration {
            get { limits.timeout }
            set { limits.timeout = newValue }
        }
        /// Sizes of request line, headers and body; `timeout` is `idleTimeout`.
        public var limits = RequestLimits()
        /// Terminal output: `(text, isProblem)`; problems go to standard error.
        public var log: @Sendable (String, Bool) -> Void = PreviewServer.terminal

        public init(content: URL, templates: URL, host: String = "127.0.0.1", port: UInt16 = 8000) {
            // Served from memory; the whole report links to its PDF when `rapport pdf` printed one
            // (beside the default output folder, `Public`).
            self.pipeline = Pipeline.Options(
                content: content, templates: templates, destination: .memory,
                printedReports: Pipeline.printedReports(beside: content.deletingLastPathComponent().appendingPathComponent("Public")))
            // Drafts are previewed, with their band.
            pipeline.showDrafts = true
            self.host = host
            self.port = port
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case badAddress(String)
        case cannotListen(String)
        public var description: String {
            switch self {
            case let .badAddress(host): "\"\(host)\" is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)"
            case let .cannotListen(why): why
            }
        }
    }

    public let options: Options
    let state: SiteState
    /// The build cache in memory, for the life of the server, and the last good build.
    let memory = MemoryCache()
    nonisolated let hooks = PreviewHooks()
    let buildQueue = DispatchQueue(label: "rapport.serve.build")
    /// The saved chapters are rendered here, while a full build may be running on `buildQueue`.
    let changedQueue = DispatchQueue(label: "rapport.serve.changed")
    /// A full build is wanted, one is running, and when to try again after one ran out of
    /// file descriptors.
    var fullBuildWanted = false
    var fullBuildRunning = false
    var retryAt: ContinuousClock.Instant?
    private var http: HTTPListener?
    private var watchTask: Task<Void, Never>?
    private var lastSnapshot = Snapshot()
    /// Identifies this server in tokens, so that a page from a previous run reloads too.
    let instance = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    var builds = 0
    /// What the terminal last showed; touched on the build queue only.
    let reported = Reported()
    public private(set) var port: UInt16 = 0

    public init(_ options: Options) {
        self.options = options
        state = SiteState(instance: instance)
    }

    /// The folders whose changes trigger a build.
    var watched: [URL] { [options.pipeline.content, options.pipeline.templates] }

    // MARK: Starting and stopping

    /// Starts listening, builds the site and starts watching. Returns once the first build
    /// is served; `port` is then the real port.
    public func start() async throws {
        guard Self.isValidAddress(options.host) else { throw Failure.badAddress(options.host) }
        let handler = SiteHandler(
            state: state, assets: options.pipeline.templates.appendingPathComponent("assets").standardizedFileURL.path,
            loopbackOnly: Self.isLoopback(options.host), longPollTimeout: options.longPollTimeout)
        // Listening first, and waiting until the socket listens: a port in use is reported at once.
        let log = options.log
        let connections = ConnectionLimit.fromDescriptors(log: { log($0, true) })
        do {
            http = try await HTTPListener(
                host: options.host, port: options.port, limits: options.limits, connections: connections, handler: handler)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.cannotListen("cannot listen on \(options.host):\(options.port): \(HTTPListener.describe(error))")
        }
        port = http?.port ?? options.port
        // Requests wait for this build.
        lastSnapshot = Snapshot.scan(watched) ?? Snapshot()
        fullBuildWanted = true
        fullBuildRunning = true
        await runFullBuilds()
        watchTask = Task { await self.watch() }
    }

    /// Stops watching (after the build in progress) and closes every connection.
    public func stop() async {
        watchTask?.cancel()
        await watchTask?.value
        watchTask = nil
        await state.releaseAll()
        await http?.stop()
        http = nil
    }

    /// The address to open in a browser.
    public var url: String {
        get async {
            let bare = options.host.trimmingCharacters(in: ["[", "]"])
            let host = bare.contains(":") ? "[\(bare)]" : bare
            let shown = host == "0.0.0.0" || host == "[::]" ? "127.0.0.1" : host
            return "http://\(shown):\(port)\(SitePath.headerSafe(await state.current.site.basePath))"
        }
    }

    // MARK: Watching and building

    private func watch() async {
        let clock = ContinuousClock()
        let wakeup = Wakeup()
        let events = FolderEvents(wakeup: wakeup)
        defer { events?.stop() }
        events?.watch(lastSnapshot)
        while !Task.isCancelled {
            await wakeup.wait(timeout: events?.watchesAll == true ? options.quietPollInterval : options.pollInterval)
            if Task.isCancelled { break }
            // nil: a folder could not be listed for lack of descriptors; not a change.
            guard var current = Snapshot.scan(watched) else { continue }
            events?.watch(current)
            guard current != lastSnapshot else {
                // After a build that ran out of file descriptors (the change is not seen twice).
                if let due = retryAt, clock.now >= due {
                    retryAt = nil
                    requestFullBuild()
                }
                continue
            }
            // Debounce: wait until a scan finds nothing new (bursts of saves become one build).
            let deadline = clock.now + options.settleLimit
            while clock.now < deadline {
                try? await Task.sleep(for: options.settleDelay)
                guard let again = Snapshot.scan(watched) else { continue }
                if again == current { break }
                current = again
            }
            let changed = current.changes(since: lastSnapshot)
            lastSnapshot = current
            wakeup.drain()
            await saved(changed)
        }
    }

    // MARK: Addresses

    /// Whether `host` is a valid address to listen on: an IP address, or `localhost`.
    public static func isValidAddress(_ host: String) -> Bool {
        HTTPListener.isIPAddress(host)
    }

    /// 127.0.0.0/8, ::1 and localhost: reachable from this computer only.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: ["[", "]"]).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// Each line through `TerminalOutput`, which escapes what the input could put there.
    public static let terminal: @Sendable (String, Bool) -> Void = { text, isProblem in
        TerminalOutput.write([text], error: isProblem)
    }
}

extension PreviewServer {
    /// `rapport serve`: starts the server, prints where it is, and runs until Ctrl-C (which
    /// may stop it at any moment: the preview writes no file).
    public static func runUntilInterrupted(_ options: Options) throws -> Never {
        let server = PreviewServer(options)
        let failed = FailureBox()
        let done = DispatchSemaphore(value: 0)
        if !isLoopback(options.host) {
            options.log(
                "warning: listening on \(options.host): anyone who can reach this computer can read the preview, drafts included; the default 127.0.0.1 keeps it on this computer",
                true)
        }
        Task {
            do {
                try await server.start()
                let display = [options.pipeline.content, options.pipeline.templates]
                    .map { Pipeline.displayPath($0) + "/" }.joined(separator: " and ")
                options.log("serving \(await server.url) — rebuilding on every change in \(display) (Ctrl-C to stop)", false)
            } catch {
                failed.error = error
                done.signal()
            }
        }
        done.wait()
        throw failed.error ?? Failure.cannotListen("the server stopped")
    }
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var _error: (any Error)?
    var error: (any Error)? {
        get { lock.withLock { _error } }
        set { lock.withLock { _error = newValue } }
    }
}
