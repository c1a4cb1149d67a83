import FlyingFox
import FlyingSocks
import Foundation

/// `limber serve`: builds the site into a private folder, serves it on this machine, rebuilds when
/// a file changes and reloads open pages. A failed build leaves the last good pages served and
/// shows its errors over them; `public/` is never touched.
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
    /// The private folder the preview is built into.
    public let output: String
    let live = LiveReload()
    private let buildLock = NSLock()
    private var server: HTTPServer?
    private var watcher: FolderWatcher?
    private var serving: Task<Void, Error>?
    /// Called with what each build printed: its diagnostics, or nothing.
    public var onBuild: (@Sendable (Result<BuildReport, BuildFailed>) -> Void)?

    public init(_ options: Options) {
        self.options = options
        let scratch = NSTemporaryDirectory() + "limber-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        output = scratch + "/site"
    }

    /// Builds, starts serving and watching, and returns the address pages are served at.
    public func start() async throws -> String {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        rebuild()
        let folder = SiteFolder(root: options.siteFolder)
        var ignored: [Diagnostic] = []
        let base = URL(string: ContentLoader.loadSettings(folder, into: &ignored)?.baseURL ?? "/")?.path ?? "/"
        let basePath = base.hasSuffix("/") ? base : base + "/"

        let server: HTTPServer
        do {
            if options.host.contains(":") {
                server = HTTPServer(
                    address: try sockaddr_in6.inet6(ip6: options.host, port: options.port), logger: .disabled)
            } else {
                server = HTTPServer(
                    address: try sockaddr_in.inet(ip4: options.host, port: options.port), logger: .disabled)
            }
        } catch {
            throw Failure(description: "'\(options.host)' is not an address to serve on")
        }
        let live = self.live
        await server.appendRoute("GET /_limber/events") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: await live.subscribe())
        }
        let script = LiveReloadScript.source(eventsURL: "/_limber/events")
        await server.appendRoute("GET /_limber/live.js") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: Data(script.utf8))
        }
        await server.appendRoute(
            "*",
            to: BuiltSiteHandler(
                folder: output, basePath: basePath, injection: "<script src=\"/_limber/live.js\"></script>\n"))
        self.server = server
        serving = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 2)
        } catch {
            serving?.cancel()
            if case .failure(let failure) = await serving?.result, let socketError = failure as? SocketError,
                "\(socketError)".contains("\(EADDRINUSE)")
                    || "\(socketError)".lowercased().contains("address already in use")
            {
                throw Failure(
                    description:
                        "port \(options.port) is in use: pick another with --port, or --port 0 for any free one")
            }
            var reason = "\(error)"
            if case .failure(let failure) = await serving?.result { reason = "\(failure)" }
            throw Failure(description: "cannot serve on \(options.host):\(options.port): \(reason)")
        }
        guard case .ip4(let host, let port)? = await server.listeningAddress else {
            if case .ip6(let host, let port)? = await server.listeningAddress {
                return "http://[\(host)]:\(port)\(basePath)"
            }
            throw Failure(description: "the server did not say where it listens")
        }

        let watcher = FolderWatcher(folders: [folder.path("content"), folder.path("templates")]) { [weak self] in
            guard let self else { return }
            self.rebuild()
            Task { await self.announce() }
        }
        watcher.start()
        self.watcher = watcher
        return "http://\(host):\(port)\(basePath)"
    }

    private var lastResult: Result<BuildReport, BuildFailed>?

    /// Builds the site into the served folder; the staged output keeps the last good pages when it fails.
    @discardableResult
    func rebuild() -> Result<BuildReport, BuildFailed> {
        buildLock.withLock {
            let result: Result<BuildReport, BuildFailed>
            do throws(BuildFailed) {
                var build = BuildOptions(siteFolder: options.siteFolder, output: output)
                // Printing PDFs on every save would slow the preview down: `pdf: true` is for builds.
                build.followsSitePDF = false
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

    /// Waits until the server stops.
    public func wait() async {
        _ = await serving?.result
    }

    public func stop() async {
        watcher?.stop()
        await live.finish()
        await server?.stop(timeout: 1)
        serving?.cancel()
        // What the builds kept in the site's `.limber/` for this private folder, then the folder.
        buildLock.withLock {
            (try? OutputPlace(site: SiteFolder(root: options.siteFolder).root, output: output))?.remove()
        }
        FileTree.remove(PathComponents.folder(of: output))
    }
}
