#include "limber_vips.h"

#include <dlfcn.h>
#include <string.h>

// libvips and the libraries it needs (GLib, librsvg, libheif, codecs…) weigh about 20 MB of
// memory once loaded: they are opened when the first picture is, not with Limber itself, so a
// build with no picture to encode never loads them. Limber is not linked with them: each call
// goes through a pointer found by name in libvips (which finds GLib's too), of the type libvips
// 8's headers give it (restated here, as the enum values below are: both are libvips's ABI).
enum { ACCESS_SEQUENTIAL = 1, SIZE_DOWN = 2, FAIL_ON_ERROR = 2, MAX_COORD = 10000000, LOG_LEVEL_WARNING = 1 << 4 };
enum { INTERPRETATION_SRGB = 22, COMPASS_CENTRE = 0, EXTEND_BLACK = 0 };

typedef struct _VipsArea VipsArea;

typedef void (*LogFunction)(const char *domain, int level, const char *message, void *data);

static int (*vips_init)(const char *argv0);
static void (*vips_concurrency_set)(int concurrency);
static void (*vips_cache_set_max)(int max);
static const char *(*vips_error_buffer)(void);
static void (*vips_error_clear)(void);
static VipsImage *(*vips_image_new_from_file)(const char *name, ...);
static int (*vips_thumbnail)(const char *filename, VipsImage **out, int width, ...);
static int (*vips_copy)(VipsImage *in, VipsImage **out, ...);
static int (*vips_colourspace)(VipsImage *in, VipsImage **out, int space, ...);
static int (*vips_bandjoin_const1)(VipsImage *in, VipsImage **out, double c, ...);
static int (*vips_gravity)(VipsImage *in, VipsImage **out, int direction, int width, int height, ...);
static int (*vips_flatten)(VipsImage *in, VipsImage **out, ...);
static VipsArea *(*vips_array_double_new)(const double *array, int n);
static void (*vips_area_unref)(VipsArea *area);
static char **(*vips_image_get_fields)(VipsImage *image);
static int (*vips_image_remove)(VipsImage *image, const char *name);
static int (*vips_thumbnail_image)(VipsImage *in, VipsImage **out, int width, ...);
static int (*vips_jpegsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
static int (*vips_webpsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
static int (*vips_pngsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
static int (*vips_gifsave_buffer)(VipsImage *in, void **buf, size_t *len, ...);
static const char *(*vips_foreign_find_load)(const char *filename);
static int (*vips_image_get_width)(const VipsImage *image);
static int (*vips_image_get_height)(const VipsImage *image);
static int (*vips_image_get_orientation)(VipsImage *image);
static int (*vips_image_hasalpha)(VipsImage *image);
static int (*vips_image_get_bands)(const VipsImage *image);
static int (*vips_image_get_format)(const VipsImage *image);
static int (*vips_image_get_int)(VipsImage *image, const char *name, int *out);
static int (*vips_image_get_n_pages)(VipsImage *image);
static int (*vips_image_get_page_height)(VipsImage *image);
static int (*vips_image_get_string)(const VipsImage *image, const char *name, const char **out);
static VipsImage *(*vips_image_copy_memory)(VipsImage *image);
static unsigned (*g_log_set_handler)(const char *domain, int levels, LogFunction log, void *data);
static char *(*g_strdup)(const char *text);
static void (*g_strfreev)(char **texts);
static void (*g_free)(void *memory);
static void (*g_object_unref)(void *object);

static int limber_vips_open(void) {
    void *library = dlopen("libvips.so.42", RTLD_NOW | RTLD_GLOBAL);
    if (!library) library = dlopen("libvips.so", RTLD_NOW | RTLD_GLOBAL);
    if (!library) return -1;
#define FIND(name)                                   \
    *(void **)&name = dlsym(library, #name);         \
    if (!name) return -1;
    FIND(vips_init) FIND(vips_concurrency_set) FIND(vips_cache_set_max) FIND(vips_error_buffer)
    FIND(vips_error_clear) FIND(vips_image_new_from_file) FIND(vips_thumbnail) FIND(vips_copy)
    FIND(vips_image_get_fields) FIND(vips_image_remove) FIND(vips_thumbnail_image) FIND(vips_jpegsave_buffer)
    FIND(vips_webpsave_buffer) FIND(vips_pngsave_buffer) FIND(vips_foreign_find_load) FIND(vips_image_get_width)
    FIND(vips_image_get_height) FIND(vips_image_get_orientation) FIND(vips_image_hasalpha)
    FIND(vips_image_get_bands) FIND(vips_image_get_format) FIND(vips_image_get_int) FIND(vips_image_get_n_pages)
    FIND(vips_image_get_page_height) FIND(vips_image_get_string)
    FIND(vips_gifsave_buffer) FIND(vips_colourspace) FIND(vips_bandjoin_const1) FIND(vips_gravity) FIND(vips_flatten)
    FIND(vips_array_double_new) FIND(vips_area_unref)
    FIND(vips_image_copy_memory) FIND(g_log_set_handler) FIND(g_strdup) FIND(g_strfreev) FIND(g_free)
    FIND(g_object_unref)
#undef FIND
    return 0;
}

static void limber_vips_quiet(const char *domain, int level, const char *message, void *data) {}

int limber_vips_start(int threads) {
    if (limber_vips_open()) return -1;
    if (vips_init("limber")) return -1;
    // A damaged picture is reported once, as Limber's own error at the line that uses it.
    g_log_set_handler("VIPS", LOG_LEVEL_WARNING, limber_vips_quiet, NULL);
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

void limber_vips_free(void *memory) { g_free(memory); }

void limber_vips_unref(VipsImage *image) { g_object_unref(image); }

const char *limber_vips_find_load(const char *path) { return vips_foreign_find_load(path); }

VipsImage *limber_vips_header(const char *path) {
    return vips_image_new_from_file(path, "access", ACCESS_SEQUENTIAL, NULL);
}

int limber_vips_width(const VipsImage *image) { return vips_image_get_width(image); }

int limber_vips_height(const VipsImage *image) { return vips_image_get_height(image); }

int limber_vips_orientation(VipsImage *image) { return vips_image_get_orientation(image); }

int limber_vips_has_alpha(VipsImage *image) { return vips_image_hasalpha(image); }

int limber_vips_bands(const VipsImage *image) { return vips_image_get_bands(image); }

int limber_vips_bytes_per_band(const VipsImage *image) {
    // VipsBandFormat: uchar, char, ushort, short, uint, int, float, complex, double, dpcomplex.
    static const int bytes[] = {1, 1, 2, 2, 4, 4, 4, 8, 8, 16};
    int format = vips_image_get_format(image);
    return format >= 0 && format < 10 ? bytes[format] : 16;
}

int limber_vips_interlaced(VipsImage *image) {
    // libvips says `interlaced` of a progressive JPEG too.
    int interlaced = 0;
    return vips_image_get_int(image, "interlaced", &interlaced) == 0 && interlaced;
}

int limber_vips_pages(VipsImage *image) { return vips_image_get_n_pages(image); }

int limber_vips_frame_height(VipsImage *image) { return vips_image_get_page_height(image); }

int limber_vips_chroma_halved(VipsImage *image) {
    const char *subsampling = NULL;
    return vips_image_get_string(image, "jpeg-chroma-subsample", &subsampling) == 0 && subsampling
        && strcmp(subsampling, "4:2:0") == 0;
}

VipsImage *limber_vips_copy_memory(VipsImage *image) { return vips_image_copy_memory(image); }

int limber_vips_thumbnail(const char *path, int width, VipsImage **out) {
    // Without an import profile, libvips 8.14 moves the colours of a picture that carries none
    // (200 30 40 becomes 196 13 30): such a picture is sRGB, as browsers take it.
    return vips_thumbnail(
        path, out, width, "height", MAX_COORD, "size", SIZE_DOWN, "fail_on", FAIL_ON_ERROR,
        "import_profile", "srgb", "export_profile", "srgb", NULL);
}

int limber_vips_without_metadata(VipsImage *in, VipsImage **out) {
    if (vips_copy(in, out, NULL)) return -1;
    char **fields = vips_image_get_fields(*out);
    // Header fields such as width are not metadata: removing them does nothing. An animation's
    // frame height, frame times and loop count are what make it move: they stay.
    static const char *animation[] = {"page-height", "n-pages", "delay", "loop", NULL};
    for (int i = 0; fields[i]; i++) {
        int kept = 0;
        for (int a = 0; animation[a]; a++) kept |= strcmp(fields[i], animation[a]) == 0;
        if (!kept) vips_image_remove(*out, fields[i]);
    }
    g_strfreev(fields);
    return 0;
}

int limber_vips_thumbnail_image(VipsImage *in, int width, VipsImage **out) {
    return vips_thumbnail_image(in, out, width, "height", MAX_COORD, "size", SIZE_DOWN, NULL);
}

int limber_vips_jpeg(VipsImage *in, int quality, void **bytes, size_t *length) {
    return vips_jpegsave_buffer(
        in, bytes, length, "Q", quality, "strip", 1, "optimize_coding", 1, "interlace", 1, NULL);
}

int limber_vips_webp(VipsImage *in, int quality, void **bytes, size_t *length) {
    return vips_webpsave_buffer(in, bytes, length, "Q", quality, "strip", 1, "effort", 2, NULL);
}

int limber_vips_png(VipsImage *in, void **bytes, size_t *length) {
    return vips_pngsave_buffer(in, bytes, length, "strip", 1, "compression", 6, NULL);
}

int limber_vips_gif(VipsImage *in, void **bytes, size_t *length) {
    return vips_gifsave_buffer(in, bytes, length, "strip", 1, NULL);
}

int limber_vips_thumbnail_box(const char *path, int size, VipsImage **out) {
    // "size" left at both: a vector logo is drawn at the size asked, not at its own. An import
    // profile, as for renditions: a logo keeps its colours.
    return vips_thumbnail(
        path, out, size, "height", size, "fail_on", FAIL_ON_ERROR, "import_profile", "srgb", "export_profile", "srgb",
        NULL);
}

int limber_vips_square(VipsImage *in, int size, const double *background, VipsImage **out) {
    VipsImage *colour = NULL, *alpha = NULL, *square = NULL;
    int status = -1;
    if (vips_colourspace(in, &colour, INTERPRETATION_SRGB, NULL)) goto done;
    if (vips_image_hasalpha(colour)) {
        alpha = colour;
        colour = NULL;
    } else if (vips_bandjoin_const1(colour, &alpha, 255.0, NULL)) {
        goto done;
    }
    // Black with an alpha of 0 on every band: transparent.
    if (vips_gravity(alpha, &square, COMPASS_CENTRE, size, size, "extend", EXTEND_BLACK, NULL)) goto done;
    if (background) {
        VipsArea *colours = vips_array_double_new(background, 3);
        status = vips_flatten(square, out, "background", colours, NULL);
        vips_area_unref(colours);
    } else {
        *out = square;
        square = NULL;
        status = 0;
    }
done:
    if (colour) g_object_unref(colour);
    if (alpha) g_object_unref(alpha);
    if (square) g_object_unref(square);
    return status;
}
