/* lanes-renderer.h: a time range of timeline lanes, drawn with cairo.
 *
 * A frame has a time axis on top, lane names on the left under group
 * headings, a legend at the bottom in as many rows as its width needs,
 * and the lanes: spans in the palette's colours (a merged pixel as tall
 * as the share of it that was active), mark assists hatched over
 * goroutines, sweeps over Ps, user regions, plots, and stop-the-world
 * pauses as red bands across every lane.
 *
 * Drawing is deterministic, so tests compare pixels.  The renderer keeps
 * its scratch buffers from frame to frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "lanes-text.h"
#include "lanes-timeline.h"

G_BEGIN_DECLS

/* Geometry of a frame, in pixels. */
#define LANES_RENDER_LABEL_WIDTH  176
#define LANES_RENDER_AXIS_HEIGHT  28
#define LANES_RENDER_LEGEND_HEIGHT 26  /* in one row: see lanes_renderer_get_legend_height() */
#define LANES_RENDER_HEADER_HEIGHT 20
#define LANES_RENDER_SPAN_HEIGHT  18   /* a 14 px bar and a 4 px gap */
#define LANES_RENDER_PLOT_HEIGHT  46
/* A task lane: the task's bar, and under it, from this far down the
 * row, a bar of its regions. */
#define LANES_RENDER_TASK_HEIGHT  (2 * LANES_RENDER_SPAN_HEIGHT)
#define LANES_RENDER_REGION_TOP   LANES_RENDER_SPAN_HEIGHT

/* In the lanes given to lanes_renderer_draw(): a collapsed group, drawn
 * as its heading alone. */
#define LANES_RENDER_COLLAPSED(group)     (G_MAXUINT - 1 - (guint) (group))
#define LANES_RENDER_IS_COLLAPSED(lane)   ((lane) >= G_MAXUINT - LANES_N_GROUPS && (lane) != G_MAXUINT)
#define LANES_RENDER_COLLAPSED_GROUP(lane) ((LanesGroup) (G_MAXUINT - 1 - (lane)))

#define LANES_TYPE_RENDERER (lanes_renderer_get_type ())
G_DECLARE_FINAL_TYPE (LanesRenderer, lanes_renderer, LANES, RENDERER, GObject)

/* How tall @lane's row is (a collapsed group's: its heading). */
int            lanes_render_row_height   (LanesTimeline *timeline,
                                          guint          lane);

LanesRenderer *lanes_renderer_new        (LanesTimeline *timeline);
/* Draws another timeline from now on, keeping the buffers. */
void           lanes_renderer_set_timeline (LanesRenderer *self,
                                          LanesTimeline *timeline);
void           lanes_renderer_set_dark   (LanesRenderer *self,
                                          gboolean       dark);
/* Loads the fonts and glyphs frames are drawn with (the first frame
 * would wait for them otherwise). */
void           lanes_renderer_load_fonts (void);
/* The text frames are drawn with, for more of it over a frame: in the
 * cairo context lanes_renderer_draw() drew into, after it. */
LanesText     *lanes_renderer_get_text   (LanesRenderer *self);

/* The legend's height in a frame @width pixels wide: it wraps, and has
 * an entry for CPU samples when the trace has some. */
int            lanes_renderer_get_legend_height (LanesRenderer *self,
                                                 int            width);

/* The lanes of the groups in @groups (bits 1 << LanesGroup) that fit a
 * frame @width × @height pixels, goroutines busiest first (guint). */
GArray        *lanes_renderer_pick_lanes (LanesRenderer *self,
                                          guint          groups,
                                          int            width,
                                          int            height);

/* How many of @group's lanes a filter leaves (G_MAXUINT: all), which
 * its heading says. */
void           lanes_renderer_set_shown_in_group (LanesRenderer *self,
                                                  LanesGroup     group,
                                                  guint          shown);

/* Where the last frame drew @lane: FALSE when it did not. */
gboolean       lanes_renderer_get_lane_area (LanesRenderer *self,
                                             guint          lane,
                                             int           *y,
                                             int           *height);
/* The lane the last frame drew at @y, or G_MAXUINT. */
guint          lanes_renderer_get_lane_at   (LanesRenderer *self,
                                             int            y);
/* TRUE when the last frame drew a group's heading at @y. */
gboolean       lanes_renderer_get_heading_at (LanesRenderer *self,
                                              int            y,
                                              LanesGroup    *group);
/* The time at column @x of the last frame. */
gint64         lanes_renderer_get_time_at   (LanesRenderer *self,
                                             double         x);

void           lanes_renderer_draw       (LanesRenderer *self,
                                          cairo_t       *cr,
                                          int            width,
                                          int            height,
                                          gint64         start,
                                          gint64         end,
                                          const guint   *lanes,
                                          guint          n_lanes);

G_END_DECLS
