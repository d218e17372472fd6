#include <librsvg/rsvg.h>
#include <cairo.h>
#include <png.h>
