/* lanes-text.h: the text of frames, shaped and drawn by Pango.
 *
 * Pango shapes (kerning, combining marks, any script the font has) and
 * falls back to other fonts for letters the first one lacks, so Go
 * identifiers in any alphabet and translated labels draw right.  The
 * font options are set here, not taken from the machine's fontconfig
 * defaults, so a frame draws the same wherever the pinned font is
 * installed.  Strings are shaped once while frame after frame draws
 * them (see lanes_text_update()).
 *
 * A LanesText is not thread-safe; each thread that draws needs its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef enum
{
  LANES_TEXT_BODY,      /* 11 px: lane names, time labels, flame graph boxes */
  LANES_TEXT_HEADING,   /* 11 px bold: group headings */
  LANES_TEXT_SMALL,     /* 10 px: labels on spans, the legend */
  LANES_TEXT_BADGE,     /* 12 px bold: a figure over the lanes (a measure) */
  LANES_TEXT_BANNER,    /* 14 px bold: a message across the lanes */
  LANES_TEXT_N_STYLES
} LanesTextStyle;

#define LANES_TYPE_TEXT (lanes_text_get_type ())
G_DECLARE_FINAL_TYPE (LanesText, lanes_text, LANES, TEXT, GObject)

LanesText    *lanes_text_new          (void);

/* Call before each frame drawn into @cr: matches the layouts to its
 * transformation, and keeps laid out only the strings the last frame
 * drew, for this one. */
void          lanes_text_update       (LanesText      *self,
                                       cairo_t        *cr);

/* How wide @text is in @style, in whole pixels. */
int           lanes_text_get_width    (LanesText      *self,
                                       LanesTextStyle  style,
                                       const char     *text);

/* Draws @text with its baseline's left end at (@x, @baseline) in the
 * source colour of @cr.  Invalid UTF-8 draws as replacement marks. */
void          lanes_text_draw         (LanesText      *self,
                                       cairo_t        *cr,
                                       LanesTextStyle  style,
                                       const char     *text,
                                       double          x,
                                       double          baseline);
/* The same, cut to @width pixels as @ellipsize says; nothing when not
 * even a letter and the ellipsis fit. */
void          lanes_text_draw_cut     (LanesText          *self,
                                       cairo_t            *cr,
                                       LanesTextStyle      style,
                                       const char         *text,
                                       double              x,
                                       double              baseline,
                                       int                 width,
                                       PangoEllipsizeMode  ellipsize);

G_END_DECLS
