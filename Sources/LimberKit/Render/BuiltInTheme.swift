/// The default theme, built into the binary: the files of `templates/`, by their paths relative to
/// it, with their bytes.
///
/// SwiftPM compiles each file of the theme into the binary (`.embedInCode` on
/// `Sources/LimberKit/Theme`, a link to `templates/`), so a release binary carries it with nothing
/// beside it. It names each file by its last component alone (`404.mustache` becomes
/// `_04_mustache`): a file added to `templates/` is added here too, which
/// `BuiltInThemeTests` asks for.
enum BuiltInTheme {
    static let files: [String: [UInt8]] = [
        "404.mustache": PackageResources._04_mustache,
        "areas.mustache": PackageResources.areas_mustache,
        "article.mustache": PackageResources.article_mustache,
        "articles.mustache": PackageResources.articles_mustache,
        "i18n/de.yaml": PackageResources.de_yaml,
        "i18n/en.yaml": PackageResources.en_yaml,
        "i18n/es.yaml": PackageResources.es_yaml,
        "i18n/fr.yaml": PackageResources.fr_yaml,
        "i18n/it.yaml": PackageResources.it_yaml,
        "i18n/nl.yaml": PackageResources.nl_yaml,
        "i18n/pt.yaml": PackageResources.pt_yaml,
        "index.mustache": PackageResources.index_mustache,
        "list.mustache": PackageResources.list_mustache,
        "page.mustache": PackageResources.page_mustache,
        "partials/article-item.mustache": PackageResources.article_item_mustache,
        "partials/card.mustache": PackageResources.card_mustache,
        "partials/embed-routine.mustache": PackageResources.embed_routine_mustache,
        "partials/embed-stretch.mustache": PackageResources.embed_stretch_mustache,
        "partials/footer.mustache": PackageResources.footer_mustache,
        "partials/head.mustache": PackageResources.head_mustache,
        "partials/layout.mustache": PackageResources.layout_mustache,
        "partials/player.mustache": PackageResources.player_mustache,
        "partials/programme-words.mustache": PackageResources.programme_words_mustache,
        "partials/routine-item.mustache": PackageResources.routine_item_mustache,
        "partials/share.mustache": PackageResources.share_mustache,
        "partials/video.mustache": PackageResources.video_mustache,
        "programme-sheet.mustache": PackageResources.programme_sheet_mustache,
        "programme.mustache": PackageResources.programme_mustache,
        "routine.mustache": PackageResources.routine_mustache,
        "routines.mustache": PackageResources.routines_mustache,
        "sheet.mustache": PackageResources.sheet_mustache,
        "static/apple-touch-icon.png": PackageResources.apple_touch_icon_png,
        "static/filter.js": PackageResources.filter_js,
        "static/icon-192.png": PackageResources.icon_192_png,
        "static/icon-32.png": PackageResources.icon_32_png,
        "static/icon-512.png": PackageResources.icon_512_png,
        "static/icon.svg": PackageResources.icon_svg,
        "static/offline.js": PackageResources.offline_js,
        "static/player.js": PackageResources.player_js,
        "static/print.css": PackageResources.print_css,
        "static/programme.js": PackageResources.programme_js,
        "static/qrcode.LICENSE.txt": PackageResources.qrcode_LICENSE_txt,
        "static/qrcode.js": PackageResources.qrcode_js,
        "static/search.js": PackageResources.search_js,
        "static/share.js": PackageResources.share_js,
        "static/sheet.js": PackageResources.sheet_js,
        "static/style.css": PackageResources.style_css,
        "static/video.js": PackageResources.video_js,
        "stretch.mustache": PackageResources.stretch_mustache,
    ]
}
