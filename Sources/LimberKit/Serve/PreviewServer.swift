import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// `limber serve`: builds the site into a folder of its own in the site's `.limber/`, serves it on
/// this machine, rebuilds when a file changes and reloads open pages. A failed build leaves the
/// last good pages served and shows its errors over them; `public/` is never touched. The folder
/// and the build's cache stay between runs, so a preview started again on a guide that did not
/// change builds nothing; between saves, the last build's cache stays in memory, and a save of a
/// stretch or routine reads that file again, not the folders (`BuildMemory`).
public final class PreviewServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var siteFolder: String
        public var host = "127.0.0.1"
        /// 0 picks a free port.
        public var port: UInt16 = 8080

        public init(siteFolder: String, host: String = "127.0.0.1", port: UInt16 = 8080) {
            self.siteFolder = siteFolder
            self.host = host
            self.port = port
        }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    let options: Options
    /// The folder the preview is built into: `.limber/preview` in the site's folder.
    public let output: String
    /// The last build's cache, and the files changed since.
    let memory = BuildMemory()
    /// The saved files' pages, served while the build that writes them runs.
    let ahead = PagesAhead()
    let live = LiveReload()
    private let buildLock = NSLock()
    private var services: ServiceGroup?
    private var watcher: FolderWatcher?
    private var serving: Task<Void, Error>?
    private var listening: Listening?
    /// Called with what each build printed: its diagnostics, or nothing.
    public var onBuild: (@Sendable (Result<BuildReport, BuildFailed>) -> Void)?

    public init(_ options: Options) {
        self.options = options
        output = PathComponents.absolute(SiteFolder(root: options.siteFolder).path(".limber/preview"))
    }

    /// The theme's words in the site's language, for what the preview adds to its pages.
    static func words(_ folder: SiteFolder, _ settings: SiteSettings?) -> Words {
        WordTables(files: Theme.files(folder).files).words(for: settings?.language ?? "en")
    }

    /// Builds, starts serving and watching, and returns the address pages are served at.
    public func start() async throws -> String {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        rebuild()
        let folder = SiteFolder(root: options.siteFolder)
        var ignored: [Diagnostic] = []
        let settings = ContentLoader.loadSettings(folder, into: &ignored)
        let base = URL(string: settings?.baseURL ?? "/")?.path ?? "/"
        let basePath = base.hasSuffix("/") ? base : base + "/"

        let site = BuiltSiteHandler(
            folder: output, basePath: basePath, injection: "<script src=\"/_limber/live.js\"></script>\n",
            ahead: ahead)
        let listening = Listening(host: options.host)
        self.listening = listening
        // What the server would log, the person sees as failed requests or in the terminal already.
        let quiet = Logger(label: "limber-serve", factory: { _ in SwiftLogNoOpLogHandler() })
        let responder = PreviewResponder(
            site: site, live: live,
            script: LiveReloadScript.source(eventsURL: "/_limber/events", words: Self.words(folder, settings)),
            listening: listening)
        let application = Application(
            responder: responder,
            server: PreviewConnection.server(listening),
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: Int(options.port)),
                availableConnectionsDelegate: MaximumAvailableConnections(PreviewConnection.maximumConnections())),
            onServerRunning: { channel in listening.opened(channel.localAddress) },
            logger: quiet)
        // No signals here: `serveUntilStopSignal` handles them, on a thread of its own.
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: quiet))
        self.services = services
        let serving = Task { try await services.run() }
        self.serving = serving
        Task {
            if case .failure(let error) = await serving.result { listening.failed(error) }
        }

        let address: SocketAddress
        do {
            address = try await listening.address()
        } catch {
            if (error as? IOError)?.errnoCode == EADDRINUSE
                || "\(error)".lowercased().contains("address already in use")
            {
                throw Failure(
                    description:
                        "port \(options.port) is in use: pick another with --port, or --port 0 for any free one")
            }
            if error is SocketAddressError || error is SocketAddressError.UnknownHost {
                throw Failure(description: "'\(options.host)' is not an address to serve on")
            }
            throw Failure(description: "cannot serve on \(options.host):\(options.port): \(error)")
        }
        guard let port = address.port else { throw Failure(description: "the server did not say where it listens") }

        let root = PathComponents.absolute(folder.root) + "/"
        let watcher = FolderWatcher(folders: [root + "content", root + "templates"]) { [weak self] paths in
            guard let self else { return }
            // Paths relative to the site; nil, and the next build walks the folders, when one is
            // not under it.
            let relative = paths.flatMap { paths in
                paths.allSatisfy { $0.hasPrefix(root) } ? Set(paths.map { String($0.dropFirst(root.count)) }) : nil
            }
            self.memory.changed(relative)
            // The saved stretch or routine's own pages first, from the last build in memory: open
            // pages reload at once, and again once the build has written the rest.
            if let pages = self.memory.savedPages(in: folder) {
                self.ahead.show(pages)
                let live = self.live
                Task { await live.built() }
            }
            self.rebuild()
            Task { await self.announce() }
        }
        watcher.start()
        self.watcher = watcher
        let host = address.ipAddress ?? options.host
        return host.contains(":") ? "http://[\(host)]:\(port)\(basePath)" : "http://\(host):\(port)\(basePath)"
    }

    private var lastResult: Result<BuildReport, BuildFailed>?

    /// Builds the site into the served folder; the staged output keeps the last good pages when it fails.
    @discardableResult
    func rebuild() -> Result<BuildReport, BuildFailed> {
        buildLock.withLock {
            let result: Result<BuildReport, BuildFailed>
            do throws(BuildFailed) {
                var build = BuildOptions(siteFolder: options.siteFolder, output: output)
                build.privateOutput = true
                build.memory = memory
                // Printing PDFs on every save would slow the preview down: `pdf: true` is for builds.
                build.followsSitePDF = false
                // So would the search index: the preview's pages search cards.js instead.
                build.indexesSearch = false
                build.drafts = true
                result = .success(try SiteBuilder.build(build))
            } catch {
                result = .failure(error)
                let placeholder = output + "/index.html"
                if !FileManager.default.fileExists(atPath: placeholder) {
                    try? StagedOutput.writeFile(
                        placeholder,
                        Array(
                            "<!doctype html><title>Limber</title><body><p>The site has not built yet.</p></body>".utf8))
                }
            }
            // The pages shown ahead are in the folder now, the same bytes; or the build failed,
            // and the last good pages are served again under its errors.
            let shownAhead = ahead.clear()
            if case .success = result {
                assert(
                    shownAhead.allSatisfy {
                        FileManager.default.contents(atPath: output + "/" + $0.key) == Data($0.value)
                    },
                    "a page shown ahead of the build is not the page the build wrote")
            }
            lastResult = result
            onBuild?(result)
            return result
        }
    }

    private func announce() async {
        switch buildLock.withLock({ lastResult }) {
        case .failure(let failure): await live.failed(failure.diagnostics)
        default: await live.built()
        }
    }

    /// Whether `stopNow` was called.
    var isStopping: Bool { listening.map { !$0.isOpen } ?? false }

    /// Waits until the server stops.
    public func wait() async {
        _ = await serving?.result
    }

    /// Stops serving, in about `deadline` seconds at most. It blocks, so that a signal handler can
    /// call it whatever the server and its tasks are doing: new connections are refused at once,
    /// event streams end, and requests being answered get what is left of the time to finish. The
    /// preview's folder stays for the next start; a build cut short is cleared away by the next
    /// build (`OutputPlace.removeLeftovers`).
    public func stopNow(within deadline: Double = 0.4) {
        let end = DispatchTime.now() + deadline
        watcher?.stop()
        listening?.close()
        let stopped = DispatchSemaphore(value: 0)
        if let services, let serving {
            let live = self.live
            Task {
                await live.finish()
                // Connections accepted just before `close()` reach the server before it stops taking them.
                try? await Task.sleep(for: .milliseconds(50))
                await services.triggerGracefulShutdown()
                _ = await serving.result
                stopped.signal()
            }
        } else {
            stopped.signal()
        }
        _ = stopped.wait(timeout: end)
    }

}

// MARK: - Stopping on a signal

extension PreviewServer {
    /// Serves until Ctrl-C (SIGINT) or SIGTERM, then stops the server, prints `Stopped.` and ends the
    /// process, within a second of the signal whatever the server is doing. The signal is handled on
    /// a thread of its own, not on the tasks that answer requests.
    public static func serveUntilStopSignal(_ server: PreviewServer) async {
        // A parent (a test runner, a supervisor) may have started the process with them blocked.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        // A serial queue: a second signal waits for the first to end the process.
        let queue = DispatchQueue(label: "limber-signals")
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                server.stopNow()
                print("Stopped.")
                fflush(nil)
                exit(0)
            }
            source.resume()
            return source
        }
        await server.wait()
        // The server stopped on its own, or because of a signal: then the handler ends the process.
        if server.isStopping { try? await Task.sleep(for: .seconds(10)) }
        sources.forEach { $0.cancel() }
    }
}
