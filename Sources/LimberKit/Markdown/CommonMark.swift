import CCmarkGFM
import Foundation

/// The one place that calls cmark-gfm. Parses Markdown with the GitHub extensions and renders HTML.
///
/// cmark-gfm 0.29 flips a process-wide table of special characters while parsing inline
/// strikethrough and autolinks, so parsing is serialised behind a lock; walking the tree and
/// rendering it run on any thread.
public enum CommonMark {
    public struct Options: Sendable, Hashable {
        /// Keep raw HTML in the output instead of leaving it out.
        public var unsafeHTML = false
        /// The level the body's largest heading is shown at: a page's title is its only `h1`, so
        /// a body's headings start at `h2` whether the author wrote `#` or `##`.
        public var topHeadingLevel = 2
        /// The site's `language`, which headings' ids are made in (see `slug(for:language:)`).
        public var language = "en"

        public init(unsafeHTML: Bool = false, topHeadingLevel: Int = 2, language: String = "en") {
            self.unsafeHTML = unsafeHTML
            self.topHeadingLevel = topHeadingLevel
            self.language = language
        }
    }

    private static let parseLock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Renders `markdown` to HTML, giving headings ids and collecting links.
    public static func render(_ markdown: String, options: Options = Options()) -> RenderedMarkdown {
        _ = registered
        let parseOptions = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        let (parser, document): (OpaquePointer, OpaquePointer) = parseLock.withLock {
            let parser = cmark_parser_new(parseOptions)!
            for name in extensionNames {
                if let syntax = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, syntax)
                }
            }
            // The string's own bytes, not a copy ended with a zero: cmark is given the length.
            var markdown = markdown
            markdown.withUTF8 { buffer in
                guard let start = buffer.baseAddress, !buffer.isEmpty else { return }
                cmark_parser_feed(
                    parser, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), buffer.count)
            }
            return (parser, cmark_parser_finish(parser)!)
        }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }

        var result = RenderedMarkdown(html: "")
        let mayHavePictures = walk(document, markdown: markdown, options: options, into: &result)
        // Only a picture or raw HTML renders as `<img `: the HTML of a body without either is
        // not searched for it.
        func lazy(_ html: String) -> String { mayHavePictures ? lazyImages(html) : html }

        var renderOptions = CMARK_OPT_SMART
        if options.unsafeHTML { renderOptions |= CMARK_OPT_UNSAFE }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        if let html = cmark_render_html(document, renderOptions, extensions) {
            // Pictures in a body stand below the page's own figure: let the browser load them late.
            result.html = lazy(String(cString: html))
            free(html)
        }
        var block = cmark_node_first_child(document)
        while let current = block, cmark_node_get_type(current) != CMARK_NODE_PARAGRAPH {
            block = cmark_node_next(current)
        }
        if let paragraph = block, let html = cmark_render_html(paragraph, renderOptions, extensions) {
            result.firstParagraph = lazy(String(cString: html)).trimmingSpaces()
            free(html)
        }
        return result
    }

    /// `<img src=` becomes `<img loading="lazy" src=`; most bodies have no picture and are returned as they are.
    static func lazyImages(_ html: String) -> String {
        let tag = "<img src=\""
        // `<img` in the bytes first: Foundation's `contains` is slow, and most bodies have no picture.
        var html = html
        let hasPicture = html.withUTF8 { bytes in
            let needle: [UInt8] = Array("<img ".utf8)
            return bytes.indices.contains { bytes[$0] == 0x3C && bytes[$0...].starts(with: needle) }
        }
        guard hasPicture else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let found = rest.range(of: tag) {
            out += rest[..<found.lowerBound]
            out += "<img loading=\"lazy\" src=\""
            rest = rest[found.upperBound...]
        }
        out += rest
        return out
    }

    // MARK: - Walking the tree

    /// Collects links and ordered-list steps, and swaps every heading for a block that renders it
    /// with an `id`. Uses cmark's iterator, never recursion, so deep nesting cannot overflow.
    /// Whether the tree has a picture or raw HTML, which may render as `<img `.
    private static func walk(
        _ document: OpaquePointer, markdown: String, options: Options, into result: inout RenderedMarkdown
    ) -> Bool {
        var mayHavePictures = false
        // The source's lines, split only when a body has an embed: to place the words after its fence.
        var lines: [Substring]?
        var headings: [OpaquePointer] = []
        var embedBlocks: [OpaquePointer] = []
        var usedIDs: [String: Int] = [:]
        var firstOrderedList: OpaquePointer?
        var words = 0
        let iterator = cmark_iter_new(document)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if type == CMARK_NODE_IMAGE { mayHavePictures = true }
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if type == CMARK_NODE_LINK, let page = pageLink(url) { cmark_node_set_url(node, page) }
                let block = enclosingBlock(of: node)
                result.links.append(
                    .init(
                        destination: url, isImage: type == CMARK_NODE_IMAGE,
                        line: Int(cmark_node_get_start_line(block)), column: Int(cmark_node_get_start_column(block))))
            case CMARK_NODE_CODE_BLOCK:
                if var embed = embed(node) {
                    if lines == nil { lines = markdown.split(separator: "\n", omittingEmptySubsequences: false) }
                    embed.optionColumns = optionColumns(embed, in: lines!)
                    result.embeds.append(embed)
                    embedBlocks.append(node)
                }
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(node) { words += wordCount(literal) }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                mayHavePictures = true
                guard !options.unsafeHTML, let literal = cmark_node_get_literal(node) else { break }
                let html = String(cString: literal)
                guard let frame = html.range(of: "<iframe", options: .caseInsensitive) else { break }
                let source = html[frame.upperBound...].firstMatch(of: /src\s*=\s*["']?([^"'\s>]+)/)?.output.1
                let block = enclosingBlock(of: node)
                result.omittedFrames.append(
                    .init(
                        destination: source.map(String.init) ?? "", isImage: false,
                        line: Int(cmark_node_get_start_line(block)), column: Int(cmark_node_get_start_column(block))))
            case CMARK_NODE_LIST:
                if firstOrderedList == nil, cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                    firstOrderedList = node
                }
            default:
                break
            }
        }
        result.words = words
        if let list = firstOrderedList {
            var item = cmark_node_first_child(list)
            while let current = item {
                result.orderedSteps.append(plainText(of: current).trimmingSpaces())
                item = cmark_node_next(current)
            }
        }
        // Replaced after the walk so the iterator never sees a node it is standing on go away.
        for (index, block) in embedBlocks.enumerated() {
            let marker = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
            cmark_node_set_on_enter(marker, RenderedMarkdown.Embed.marker(index))
            cmark_node_set_on_exit(marker, "")
            cmark_node_replace(block, marker)
            cmark_node_free(block)
        }
        let largest = headings.map { Int(cmark_node_get_heading_level($0)) }.min() ?? 1
        let shift = max(0, options.topHeadingLevel - largest)
        for heading in headings {
            let text = plainText(of: heading).trimmingSpaces()
            var id = slug(for: text, language: options.language)
            if id.isEmpty { id = "section" }
            if let count = usedIDs[id] {
                usedIDs[id] = count + 1
                id += "-\(count)"
            } else {
                usedIDs[id] = 1
            }
            let level = min(6, Int(cmark_node_get_heading_level(heading)) + shift)
            result.headings.append(.init(level: level, text: text, id: id))
            let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
            cmark_node_set_on_exit(block, "</h\(level)>")
            while let child = cmark_node_first_child(heading) {
                cmark_node_unlink(child)
                cmark_node_append_child(block, child)
            }
            cmark_node_replace(heading, block)
            cmark_node_free(heading)
        }
        return mayHavePictures
    }

    /// The embed a fenced block with the info string `stretch …` or `routine …` asks for; nil for
    /// other code blocks.
    private static func embed(_ node: OpaquePointer) -> RenderedMarkdown.Embed? {
        // cmark writes the fence's length, offset and character through all three pointers.
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(node, &length, &offset, &character) != 0, let info = cmark_node_get_fence_info(node)
        else {
            return nil
        }
        let words = String(cString: info).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let kind = words.first, kind == "stretch" || kind == "routine" else { return nil }
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let lines = literal.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        var names: [String] = []
        var at = (line, column)
        for (offset, text) in lines.enumerated() {
            let name = String(text).trimmingSpaces()
            guard !name.isEmpty else { continue }
            if names.isEmpty {
                at = (line + 1 + offset, column + text.prefix(while: { $0 == " " || $0 == "\t" }).count)
            }
            names.append(name)
        }
        return .init(
            kind: kind, options: Array(words.dropFirst()), names: names, line: at.0, column: at.1, fenceLine: line)
    }

    /// The column of each word after the kind on the fence's line.
    private static func optionColumns(_ embed: RenderedMarkdown.Embed, in lines: [Substring]) -> [Int] {
        guard lines.indices.contains(embed.fenceLine - 1) else { return embed.options.map { _ in 1 } }
        let line = Array(lines[embed.fenceLine - 1].utf8)
        guard let kindStart = line.firstIndex(where: { $0 != 0x60 && $0 != 0x7E && $0 != 0x20 && $0 != 0x09 }) else {
            return embed.options.map { _ in 1 }
        }
        var columns: [Int] = []
        var index = kindStart + embed.kind.utf8.count
        for option in embed.options {
            while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
            columns.append(index + 1)
            index += option.utf8.count
        }
        return columns
    }

    /// Words in a piece of text: runs of characters between spaces.
    private static func wordCount(_ text: UnsafePointer<CChar>) -> Int {
        var count = 0
        var inWord = false
        var pointer = text
        while pointer.pointee != 0 {
            let byte = UInt8(bitPattern: pointer.pointee)
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
            pointer += 1
        }
        return count
    }

    /// `../other/` → `../other/index.html`: a relative link to a folder, made to name its page,
    /// so that it also works when the site is opened from disk. Nil for other links.
    static func pageLink(_ url: String) -> String? {
        guard !url.isEmpty, !url.hasPrefix("/"), !url.hasPrefix("#"), !url.contains(":") || url.hasPrefix("./") else {
            return nil
        }
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        guard url[..<end].hasSuffix("/") else { return nil }
        return url[..<end] + "index.html" + url[end...]
    }

    private static func enclosingBlock(of node: OpaquePointer) -> OpaquePointer {
        var current = node
        while let parent = cmark_node_parent(current) {
            let type = UInt32(cmark_node_get_type(current).rawValue)
            if (type & UInt32(CMARK_NODE_TYPE_MASK)) == UInt32(CMARK_NODE_TYPE_BLOCK) {
                return current
            }
            current = parent
        }
        return current
    }

    /// The text inside a node, without markup.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)!
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_PARAGRAPH:
                if !text.isEmpty && !text.hasSuffix(" ") { text += " " }
            default:
                break
            }
        }
        return text
    }
}

/// Lowercase letters and digits joined by hyphens: `Hip flexors` → `hip-flexors`. Any other script
/// is written in Latin letters first, accents dropped (`Ü-Stretch für Nacken` → `u-stretch-fur-nacken`,
/// `Straße` → `strasse`); what has no letters or digits (emoji, punctuation) is left out, so the
/// result may be empty. Never starts or ends with a hyphen.
///
/// In German (`language` `de`, `de-AT`, …) umlauts are written as German writes them without
/// them: `Hüftbeuger` → `hueftbeuger`, `Straße` → `strasse`. Every page's address made from a
/// name comes from here, so that links to it agree.
public func slug(for name: String, language: String) -> String {
    // Plain ASCII (nearly every name), byte by byte: asking each Character whether it is a letter is slow.
    let ascii =
        name.utf8.allSatisfy({ $0 < 0x80 })
        ? name : transliterated(name, language: language).applyingTransform(latinASCII, reverse: false) ?? name
    var bytes: [UInt8] = []
    bytes.reserveCapacity(ascii.utf8.count)
    var pendingHyphen = false
    for byte in ascii.utf8 {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39:
            if pendingHyphen && !bytes.isEmpty { bytes.append(0x2D) }
            pendingHyphen = false
            bytes.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
        case 0x20, 0x2D, 0x5F, 0x2F:
            pendingHyphen = true
        default:
            // Other punctuation, and what the transliteration left outside ASCII (emoji).
            break
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// ICU's transliteration of any script into Latin letters, then into plain ASCII.
private let latinASCII = StringTransform("Any-Latin; Latin-ASCII")

/// `name` with the letters `language` writes its own way in plain Latin letters replaced.
private func transliterated(_ name: String, language: String) -> String {
    guard isGerman(language) else { return name }
    var out = ""
    out.reserveCapacity(name.utf8.count + 4)
    // By Character, so that `u` followed by a combining diaeresis counts as `ü` too.
    for character in name {
        switch character {
        case "ä": out += "ae"
        case "ö": out += "oe"
        case "ü": out += "ue"
        case "Ä": out += "Ae"
        case "Ö": out += "Oe"
        case "Ü": out += "Ue"
        case "ß": out += "ss"
        case "ẞ": out += "SS"
        default: out.append(character)
        }
    }
    return out
}

/// Whether a language code (`de`, `de-CH`, `de_AT`) names German.
private func isGerman(_ language: String) -> Bool {
    let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? ""
    return primary.lowercased() == "de"
}
