// Every libvips call Limber makes, in non-variadic wrappers (Swift cannot call C variadic
// functions such as vips_thumbnail(..., NULL)). libvips is loaded by limber_vips_start, not linked.
#ifndef LIMBER_VIPS_H
#define LIMBER_VIPS_H

#include <stddef.h>

/// A libvips image, seen only through these calls.
typedef struct _VipsImage VipsImage;

/// Loads and starts libvips once per process with `threads` worker threads per image; 0 when it
/// started. Every other call needs it started.
int limber_vips_start(int threads);

/// Frees what libvips handed out (an error message, encoded bytes).
void limber_vips_free(void *memory);

/// Lets go of an image.
void limber_vips_unref(VipsImage *image);

/// The name of the reader that knows the file's bytes (`VipsForeignLoadJpegFile`), or NULL.
const char *limber_vips_find_load(const char *path);

int limber_vips_width(const VipsImage *image);
int limber_vips_height(const VipsImage *image);
/// The EXIF orientation, 1 when there is none.
int limber_vips_orientation(VipsImage *image);
int limber_vips_has_alpha(VipsImage *image);
int limber_vips_bands(const VipsImage *image);
/// 1 for 8-bit bands, 2 for 16-bit, up to 16.
int limber_vips_bytes_per_band(const VipsImage *image);
/// 1 for an interlaced PNG or a progressive JPEG (which are decoded whole, not row by row), else 0.
int limber_vips_interlaced(VipsImage *image);
/// 1 for a JPEG whose colour is stored at half the width and height (4:2:0), else 0.
int limber_vips_chroma_halved(VipsImage *image);
/// The number of frames of an animation (when opened with `[n=-1]`), else 1.
int limber_vips_pages(VipsImage *image);
/// One frame's height: the image's height for a still picture.
int limber_vips_frame_height(VipsImage *image);

/// The image decoded into memory, once; NULL on failure.
VipsImage *limber_vips_copy_memory(VipsImage *image);

/// The message of the last libvips error on this thread, cleared; the caller frees it with
/// limber_vips_free.
char *limber_vips_take_error(void);

/// The file's header only (no pixels are decoded); NULL when libvips cannot read it.
VipsImage *limber_vips_header(const char *path);

/// Decodes the file, turns it upright by its EXIF orientation and shrinks it to at most `width`
/// pixels wide (never larger); fails on a truncated or damaged file.
int limber_vips_thumbnail(const char *path, int width, VipsImage **out);

/// A copy of the image without any metadata: EXIF (GPS, camera, dates, orientation), XMP, IPTC,
/// ICC, comments; only an animation's frame height, frame times and loop count stay. Savers' `strip` leaves EXIF in WebP files in libvips 8.14.
int limber_vips_without_metadata(VipsImage *in, VipsImage **out);

/// Shrinks an image already in memory to at most `width` pixels wide.
int limber_vips_thumbnail_image(VipsImage *in, int width, VipsImage **out);

/// Encodes without any metadata (EXIF, GPS, XMP, IPTC, ICC). The caller frees `*bytes` with
/// limber_vips_free.
int limber_vips_jpeg(VipsImage *in, int quality, void **bytes, size_t *length);
int limber_vips_webp(VipsImage *in, int quality, void **bytes, size_t *length);
int limber_vips_png(VipsImage *in, void **bytes, size_t *length);
/// Animated when `in` has several frames (`page-height`).
int limber_vips_gif(VipsImage *in, void **bytes, size_t *length);

/// Decodes the file and draws it to fit a `size`×`size` square, larger or smaller than it is (an
/// SVG is drawn at that size), in sRGB.
int limber_vips_thumbnail_box(const char *path, int size, VipsImage **out);

/// The image centred on a `size`×`size` square: transparent around it when `background` is NULL,
/// else everything set on that colour (red, green and blue, 0 to 255) with no alpha.
int limber_vips_square(VipsImage *in, int size, const double *background, VipsImage **out);

#endif
