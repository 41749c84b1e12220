/* lanes-render-legend.c: the key at the bottom of a frame.
 *
 * Every span colour, then what is drawn over the spans (the pause band,
 * the wake-up arrow) and the heap plot's colours, in rows that wrap to
 * the frame's width.  Entries are measured once: their text does not
 * change while the program runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-renderer-private.h"

#include <glib/gi18n-lib.h>

#define ROW_HEIGHT  18          /* from one row of the legend to the next */
#define MARGIN      10          /* left and right of the rows */
#define SPACING     14          /* between entries */
#define MARK_HEIGHT 10
#define TOP         8           /* from the legend's top to the first marks */

typedef enum
{
  MARK_STATE,           /* a span's colour */
  MARK_HATCH,           /* hatched over a span */
  MARK_BAND,            /* a pause, across every lane */
  MARK_WAKEUP,          /* the arrow from a waker to the goroutine it woke */
  MARK_AREA,            /* a plot's filled series */
  MARK_LINE,            /* a plot's series drawn as a line */
  MARK_SAMPLE,          /* CPU profiler samples, where the trace has them */
} Mark;

static const struct
{
  Mark mark;
  guint index;          /* LanesState, or LanesSeries for plots */
  const char *name;
} entries[] = {
  { MARK_STATE, LANES_STATE_RUNNING, N_("running") },
  { MARK_SAMPLE, 0, N_("CPU sample") },
  { MARK_STATE, LANES_STATE_RUNNABLE, N_("runnable") },
  { MARK_STATE, LANES_STATE_SYSCALL, N_("syscall") },
  { MARK_STATE, LANES_STATE_WAIT_SYNC, N_("sync") },
  { MARK_STATE, LANES_STATE_WAIT_CHAN, N_("channel") },
  { MARK_STATE, LANES_STATE_WAIT_SELECT, N_("select") },
  { MARK_STATE, LANES_STATE_WAIT_NETWORK, N_("network") },
  { MARK_STATE, LANES_STATE_WAIT_SLEEP, N_("sleep") },
  { MARK_STATE, LANES_STATE_WAIT_GC, N_("GC wait") },
  { MARK_STATE, LANES_STATE_WAIT_OTHER, N_("other wait") },
  { MARK_STATE, LANES_STATE_GC_DEDICATED, N_("GC worker") },
  { MARK_HATCH, LANES_STATE_ASSIST, N_("mark assist") },
  { MARK_STATE, LANES_STATE_SWEEP, N_("sweep") },
  { MARK_STATE, LANES_STATE_PROC_SCHED, N_("scheduler") },
  { MARK_STATE, LANES_STATE_ON_PROC, N_("thread on P") },
  { MARK_STATE, LANES_STATE_STW, N_("stop-the-world") },
  { MARK_BAND, LANES_STATE_STW, N_("pause, across lanes") },
  { MARK_WAKEUP, 0, N_("wake-up") },
  { MARK_AREA, LANES_SERIES_HEAP_LIVE, N_("live heap") },
  { MARK_LINE, LANES_SERIES_HEAP_GOAL, N_("heap goal") },
};

static int
mark_width (Mark mark)
{
  return mark == MARK_WAKEUP || mark == MARK_LINE ? 22 : 12;
}

/* Each entry's width, mark and name. */
static const int *
entry_widths (void)
{
  static int widths[G_N_ELEMENTS (entries)];
  static gsize measured = 0;

  if (g_once_init_enter (&measured))
    {
      g_autoptr(LanesText) text = lanes_text_new ();

      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        widths[i] = mark_width (entries[i].mark) + 4 + lanes_text_get_width (text, LANES_TEXT_SMALL, _(entries[i].name));
      g_once_init_leave (&measured, 1);
    }
  return widths;
}

static gboolean
is_shown (LanesRenderer *self,
          guint          i)
{
  return entries[i].mark != MARK_SAMPLE
         || lanes_cpu_samples_get_n (lanes_timeline_get_samples (self->timeline)) > 0;
}

/* Where each entry goes, from the legend's top left (-1 for an entry
 * not shown); the number of rows. */
static int
layout (LanesRenderer *self,
        int            width,
        int           *xs,
        int           *ys)
{
  const int *widths = entry_widths ();
  int x = MARGIN, row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (!is_shown (self, i))
        {
          xs[i] = -1;
          continue;
        }
      if (x > MARGIN && x + widths[i] > width - MARGIN)
        {
          x = MARGIN;
          row++;
        }
      xs[i] = x;
      ys[i] = TOP + row * ROW_HEIGHT;
      x += widths[i] + SPACING;
    }
  return row + 1;
}

int
lanes_renderer_get_legend_height (LanesRenderer *self,
                                  int            width)
{
  int xs[G_N_ELEMENTS (entries)], ys[G_N_ELEMENTS (entries)];

  return LANES_RENDER_LEGEND_HEIGHT + (layout (self, width, xs, ys) - 1) * ROW_HEIGHT;
}

static LanesRgb
entry_color (const LanesPalette *palette,
             guint               i)
{
  switch (entries[i].mark)
    {
    case MARK_AREA:
    case MARK_LINE:
      return palette->series[entries[i].index];
    case MARK_WAKEUP:
      return palette->wakeup;
    case MARK_SAMPLE:
      return palette->sample;
    case MARK_STATE:
    case MARK_HATCH:
    case MARK_BAND:
    default:
      return palette->states[entries[i].index];
    }
}

/* The arrow as the timeline draws it, lying down: a dot at the waker,
 * a line, a head at the woken. */
static void
draw_wakeup (cairo_t  *cr,
             LanesRgb  color,
             double    x,
             double    y)
{
  double middle = y + MARK_HEIGHT / 2.0;

  lanes_palette_set_source (cr, color, 1);
  cairo_arc (cr, x + 3, middle, 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x + 3, middle);
  cairo_line_to (cr, x + 16, middle);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 22, middle);
  cairo_line_to (cr, x + 15, middle - 4);
  cairo_line_to (cr, x + 15, middle + 4);
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
lanes_render_legend (LanesRenderer *self,
                     cairo_t       *cr,
                     int            width,
                     int            height,
                     gboolean       text)
{
  const LanesPalette *palette = self->palette;
  int xs[G_N_ELEMENTS (entries)], ys[G_N_ELEMENTS (entries)];
  int top = height - lanes_renderer_get_legend_height (self, width);

  layout (self, width, xs, ys);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      int x = xs[i], y = top + ys[i], x1 = x + mark_width (entries[i].mark);
      Mark mark = entries[i].mark;
      LanesRgb color = entry_color (palette, i);

      if (x < 0)
        continue;
      if (text)
        {
          if (mark == MARK_WAKEUP)
            draw_wakeup (cr, color, x, y);
          lanes_palette_set_source (cr, palette->text_dim, 1);
          lanes_text_draw (self->typesetter, cr, LANES_TEXT_SMALL, _(entries[i].name), x1 + 4, y + 9);
          continue;
        }
      switch (mark)
        {
        case MARK_STATE:
        case MARK_AREA:
        case MARK_SAMPLE:
          lanes_raster_fill (self->raster, x, y, x1, y + MARK_HEIGHT, color);
          break;
        case MARK_HATCH:
          lanes_raster_hatch (self->raster, x, y, x1, y + MARK_HEIGHT, color);
          break;
        case MARK_BAND:
          {
            guint16 alpha = palette->band_alpha;

            /* Taller than the others, as it crosses the lanes. */
            lanes_raster_blend_columns (self->raster, y - 3, y + MARK_HEIGHT + 3, &x, &x1, &alpha, 1, color);
          }
          break;
        case MARK_LINE:
          lanes_raster_fill (self->raster, x, y + MARK_HEIGHT / 2 - 1, x1, y + MARK_HEIGHT / 2 + 1, color);
          break;
        case MARK_WAKEUP:
          break;
        }
    }
}
