import Foundation

/// schema.org data for search engines, as JSON-LD: a `HowTo` for each stretch, an `ExercisePlan`
/// for each routine.
enum StructuredData {
    static func howTo(_ stretch: Stretch, guide: Guide) -> [String: Any] {
        var data: [String: Any] = [
            "@context": "https://schema.org", "@type": "HowTo", "name": stretch.title,
            "description": stretch.summary, "url": guide.settings.baseURL + Paths.stretch(stretch.slug),
            "totalTime": isoDuration(stretch.dose.seconds(repSeconds: guide.settings.repSeconds)),
        ]
        let steps = stretch.body.orderedSteps.isEmpty ? [stretch.summary] : stretch.body.orderedSteps
        data["step"] = steps.enumerated().map { ["@type": "HowToStep", "position": $0 + 1, "text": $1] }
        if !stretch.equipment.isEmpty { data["tool"] = stretch.equipment.map { ["@type": "HowToTool", "name": $0] } }
        if let image = stretch.image { data["image"] = guide.settings.baseURL + image.src }
        if let video = stretch.video {
            data["video"] = ["@type": "VideoObject", "name": stretch.title, "contentUrl": video]
        }
        return data
    }

    static func exercisePlan(_ routine: Routine, guide: Guide) -> [String: Any] {
        var data: [String: Any] = [
            "@context": "https://schema.org", "@type": "ExercisePlan", "name": routine.title,
            "description": routine.summary, "url": guide.settings.baseURL + Paths.routine(routine.slug),
            "exerciseType": "Stretching", "activityDuration": isoDuration(guide.totalSeconds(of: routine)),
        ]
        if let date = routine.date { data["datePublished"] = date }
        return data
    }

    /// `PT8M10S` for 490 seconds.
    static func isoDuration(_ seconds: Int) -> String {
        var text = "PT"
        if seconds >= 60 { text += "\(seconds / 60)M" }
        if seconds % 60 != 0 || seconds == 0 { text += "\(seconds % 60)S" }
        return text
    }

    /// The JSON, safe to stand inside a `<script type="application/ld+json">` element.
    static func script(_ data: [String: Any]) -> String { JSONText.write(data) }
}
