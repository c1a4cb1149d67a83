#include "limber_vips.h"

static void limber_vips_quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {}

int limber_vips_start(int threads) {
    if (VIPS_INIT("limber")) return -1;
    // A damaged picture is reported once, as Limber's own error at the line that uses it.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, limber_vips_quiet, NULL);
    vips_concurrency_set(threads);
    // Renditions are cached on disk by Limber; libvips's own operation cache only holds memory.
    vips_cache_set_max(0);
    return 0;
}

char *limber_vips_take_error(void) {
    char *message = g_strdup(vips_error_buffer());
    vips_error_clear();
    return message;
}

VipsImage *limber_vips_header(const char *path) {
    return vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

int limber_vips_thumbnail(const char *path, int width, VipsImage **out) {
    return vips_thumbnail(
        path, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_ERROR,
        "export_profile", "srgb", NULL);
}

int limber_vips_without_metadata(VipsImage *in, VipsImage **out) {
    if (vips_copy(in, out, NULL)) return -1;
    gchar **fields = vips_image_get_fields(*out);
    // Header fields such as width are not metadata: removing them does nothing.
    for (int i = 0; fields[i]; i++) vips_image_remove(*out, fields[i]);
    g_strfreev(fields);
    return 0;
}

int limber_vips_thumbnail_image(VipsImage *in, int width, VipsImage **out) {
    return vips_thumbnail_image(in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

int limber_vips_jpeg(VipsImage *in, int quality, void **bytes, size_t *length) {
    return vips_jpegsave_buffer(
        in, bytes, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, "interlace", TRUE, NULL);
}

int limber_vips_webp(VipsImage *in, int quality, void **bytes, size_t *length) {
    return vips_webpsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE, "effort", 2, NULL);
}

int limber_vips_png(VipsImage *in, void **bytes, size_t *length) {
    return vips_pngsave_buffer(in, bytes, length, "strip", TRUE, "compression", 6, NULL);
}
