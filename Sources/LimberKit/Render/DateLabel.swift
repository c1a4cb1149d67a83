import Foundation

/// A day (`2026-11-20`) as pages write it, in the site's `date_format` and language:
/// `20 November 2026` for `d MMMM yyyy`.
final class DateLabels: @unchecked Sendable {
    private let lock = NSLock()
    private let reading: DateFormatter
    private let writing: DateFormatter
    private var made: [String: String] = [:]

    /// The pattern a site writes days in when `date_format` does not say: `d MMMM yyyy` in
    /// English (`20 November 2026`), else the language's own long date (ICU's, from CLDR): `d. MMMM y`
    /// in German (`20. November 2026`), `d MMMM y` in French (`20 novembre 2026`).
    static func defaultFormat(language: String) -> String {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        guard !primary.isEmpty, primary.lowercased() != "en" else { return SiteSettings.englishDateFormat }
        return DateFormatter.dateFormat(fromTemplate: "yMMMMd", options: 0, locale: Locale(identifier: language))
            ?? SiteSettings.englishDateFormat
    }

    init(format: String, language: String) {
        reading = DateFormatter()
        reading.locale = Locale(identifier: "en_US_POSIX")
        reading.timeZone = TimeZone(identifier: "UTC")
        reading.dateFormat = "yyyy-MM-dd"
        writing = DateFormatter()
        writing.locale = Locale(identifier: language)
        writing.timeZone = TimeZone(identifier: "UTC")
        writing.dateFormat = format
    }

    /// The label of `date`; `date` itself when it is not a day.
    func label(_ date: String) -> String {
        // Formatters are not safe on two threads at once, and a site has few dates: one at a time.
        lock.withLock {
            if let label = made[date] { return label }
            let label = reading.date(from: date).map(writing.string(from:)) ?? date
            made[date] = label
            return label
        }
    }
}

extension ViewBuilder {
    /// A day as pages write it, in `date_format`: `20 May 2025`.
    func dateLabel(_ date: String) -> String { dateLabels.label(date) }
}
