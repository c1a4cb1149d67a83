// Non-variadic wrappers around the libvips calls Limber makes: Swift cannot call C variadic
// functions such as vips_thumbnail(..., NULL).
#ifndef LIMBER_VIPS_H
#define LIMBER_VIPS_H

#include <stddef.h>
#include <vips/vips.h>

/// Starts libvips once per process with `threads` worker threads per image; 0 when it started.
int limber_vips_start(int threads);

/// The message of the last libvips error on this thread, cleared; the caller frees it with g_free.
char *limber_vips_take_error(void);

/// The file's header only (no pixels are decoded); NULL when libvips cannot read it.
VipsImage *limber_vips_header(const char *path);

/// Decodes the file, turns it upright by its EXIF orientation and shrinks it to at most `width`
/// pixels wide (never larger); fails on a truncated or damaged file.
int limber_vips_thumbnail(const char *path, int width, VipsImage **out);

/// A copy of the image without any metadata: EXIF (GPS, camera, dates, orientation), XMP, IPTC,
/// ICC. Savers' `strip` leaves EXIF in WebP files in libvips 8.14.
int limber_vips_without_metadata(VipsImage *in, VipsImage **out);

/// Shrinks an image already in memory to at most `width` pixels wide.
int limber_vips_thumbnail_image(VipsImage *in, int width, VipsImage **out);

/// Encodes without any metadata (EXIF, GPS, XMP, IPTC, ICC). The caller frees `*bytes` with g_free.
int limber_vips_jpeg(VipsImage *in, int quality, void **bytes, size_t *length);
int limber_vips_webp(VipsImage *in, int quality, void **bytes, size_t *length);
int limber_vips_png(VipsImage *in, void **bytes, size_t *length);

#endif
