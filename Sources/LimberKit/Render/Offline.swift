/// What lets a phone add the guide to its home screen and open the pages it has seen with no
/// signal: the web app manifest and the service worker, written at the site's root beside the
/// pages. `templates/static/offline.js` registers the worker when the site is served over http(s),
/// never from disk and never under `limber serve`.
enum Offline {
    static let manifestName = "manifest.webmanifest"
    static let workerName = "sw.js"

    /// `manifest.webmanifest`: the guide's name and colours, opening at its home page, with the
    /// theme's icons that it has: `icon.svg` at any size, `icon-192.png` and `icon-512.png` for
    /// phones that want a bitmap on their home screen, and `icon-maskable-512.png` (made from a
    /// site's `logo`) for those that cut icons to a shape. `outputNames` are the theme's static
    /// files, with the logo's icons in the places of the theme's (`BrandIcons`).
    static func manifest(_ guide: Guide, outputNames: [String: String]) -> String {
        var out = "{\"name\":"
        JSONText.string(guide.settings.title, into: &out)
        out += ",\"short_name\":"
        JSONText.string(guide.settings.homeScreenName, into: &out)
        if !guide.settings.description.isEmpty {
            out += ",\"description\":"
            JSONText.string(guide.settings.description, into: &out)
        }
        out += ",\"lang\":"
        JSONText.string(guide.settings.language, into: &out)
        out += ",\"start_url\":\"./index.html\",\"scope\":\"./\",\"display\":\"standalone\""
        out += ",\"background_color\":\"\(guide.settings.splashColor.hex)\""
        out += ",\"theme_color\":\"\(guide.settings.browserColor.hex)\""
        let icons = [
            ("icon.svg", "any", "image/svg+xml", "any"), ("icon-192.png", "192x192", "image/png", "any"),
            ("icon-512.png", "512x512", "image/png", "any"),
            ("icon-maskable-512.png", "512x512", "image/png", "maskable"),
        ]
        .compactMap { file, sizes, type, purpose in outputNames[file].map { ($0, sizes, type, purpose) } }
        if !icons.isEmpty {
            out += ",\"icons\":["
            for (index, (source, sizes, type, purpose)) in icons.enumerated() {
                out += (index > 0 ? "," : "") + "{\"src\":"
                JSONText.string(source, into: &out)
                out += ",\"sizes\":\"\(sizes)\",\"type\":\"\(type)\",\"purpose\":\"\(purpose)\"}"
            }
            out += "]"
        }
        return out + "}\n"
    }

    /// `sw.js`: keeps the theme's files and the home page from the start, and every page and
    /// picture as it is fetched; the network first, the kept copy when there is none. Its cache is
    /// named after the build (the theme's files and the pages there are), so a new build's worker
    /// replaces it and drops the old one.
    static func serviceWorker(assets: [String], sitemap: String) -> String {
        let kept = ["./", "index.html"] + assets.sorted()
        let name = "limber-" + shortHash(Array((kept.joined(separator: "\n") + sitemap).utf8))
        var list = ""
        for (index, file) in kept.enumerated() {
            if index > 0 { list += ", " }
            JSONText.string(file, into: &list)
        }
        return """
            // Written by Limber for this build: keeps the guide on the device for use with no signal.
            var CACHE = "\(name)";
            var KEEP = [\(list)];

            self.addEventListener("install", function (event) {
              event.waitUntil(caches.open(CACHE).then(function (cache) {
                return cache.addAll(KEEP);
              }).then(function () {
                return self.skipWaiting();
              }));
            });

            self.addEventListener("activate", function (event) {
              event.waitUntil(caches.keys().then(function (names) {
                return Promise.all(names.filter(function (name) {
                  return name.indexOf("limber-") === 0 && name !== CACHE;
                }).map(function (name) {
                  return caches.delete(name);
                }));
              }).then(function () {
                return self.clients.claim();
              }));
            });

            self.addEventListener("fetch", function (event) {
              var request = event.request;
              if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
              event.respondWith(caches.open(CACHE).then(function (cache) {
                return fetch(request).then(function (response) {
                  if (response.ok) cache.put(request, response.clone());
                  return response;
                }).catch(function () {
                  return cache.match(request, { ignoreSearch: true }).then(function (kept) {
                    return kept || Response.error();
                  });
                });
              }));
            });

            """
    }
}
