#include <librsvg/rsvg.h>
#include <cairo.h>
#include <png.h>
#include <zlib.h>
