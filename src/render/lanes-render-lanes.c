/* lanes-render-lanes.c: the content of span, plot and task lanes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-renderer-private.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#define MIN_LABEL_WIDTH 44      /* pixels a span needs before it is named */
#define GAP             2       /* above and below a span bar */
#define MIN_BAND_COVERAGE 128   /* of 255: half a pixel paused */
#define SAMPLE_HEIGHT   5       /* rows at the foot of a bar for CPU samples */

const char *
lanes_render_short_function (const char *function)
{
  const char *slash = function != NULL ? strrchr (function, '/') : NULL;

  return slash != NULL ? slash + 1 : function;
}

static void
label_span (LanesRenderer   *self,
            LanesLaneKind    kind,
            const LanesItem *item,
            int              x0,
            int              x1,
            int              baseline)
{
  LanesTimeline *tl = self->timeline;
  LanesTraceReader *reader = lanes_timeline_get_reader (tl);
  LanesRgb color = lanes_palette_text_on (self->palette->states[item->state]);
  const char *reason = item->reason != 0 ? lanes_trace_reader_get_string (reader, item->reason) : NULL;
  int width = x1 - x0 - 6;

  x0 += 3;
  switch (kind)
    {
    case LANES_LANE_PROC:
      if (item->actor != LANES_NO_ACTOR)
        {
          const char *function = lanes_render_short_function (lanes_timeline_goroutine_get_function (tl, item->actor));
          lanes_renderer_add_label (self, x0, baseline, width, color, "G%" G_GINT64_FORMAT " %s",
                                    lanes_timeline_goroutine_get_id (tl, item->actor), function ? function : "");
        }
      break;
    case LANES_LANE_THREAD:
      if (item->state == LANES_STATE_ON_PROC)
        lanes_renderer_add_label (self, x0, baseline, width, color, "P%" G_GINT64_FORMAT,
                                  lanes_timeline_proc_get_id (tl, item->actor));
      else if (item->actor != LANES_NO_ACTOR)
        lanes_renderer_add_label (self, x0, baseline, width, color, "syscall G%" G_GINT64_FORMAT,
                                  lanes_timeline_goroutine_get_id (tl, item->actor));
      break;
    case LANES_LANE_GOROUTINE:
      if (item->state == LANES_STATE_SYSCALL)
        lanes_renderer_add_label (self, x0, baseline, width, color, _("syscall"));
      else if (reason != NULL && *reason != '\0')
        lanes_renderer_add_label (self, x0, baseline, width, color, "%s", reason);
      break;
    case LANES_LANE_STW:
      /* "stop-the-world (GC mark termination)": the kind is enough. */
      if (reason != NULL && g_str_has_prefix (reason, "stop-the-world ("))
        lanes_renderer_add_label (self, x0, baseline, width, color, "%.*s",
                                  (int) strlen (reason) - 17, reason + 16);
      break;
    case LANES_LANE_GC:
      lanes_renderer_add_label (self, x0, baseline, width, color, "GC");
      break;
    default:
      break;
    }
}

static void
draw_regions (LanesRenderer *self,
              guint          lane,
              int            top)
{
  guint n;
  const LanesUserRegion *regions = lanes_timeline_lane_get_regions (self->timeline, lane, &n);

  for (guint i = 0; i < n; i++)
    {
      int x0 = lanes_renderer_x (self, regions[i].start), x1 = lanes_renderer_x (self, regions[i].end);

      if (regions[i].end > self->start && regions[i].start < self->end)
        lanes_raster_fill (self->raster, x0, top, MAX (x1, x0 + 1), top + 3, self->palette->region);
    }
}

/* Sets columns [@x0, @x1) of the area to @rgb from row @top to @bottom. */
static inline void
set_columns (LanesRenderer *self,
             int            x0,
             int            x1,
             LanesRgb       rgb,
             int            top,
             int            bottom)
{
  x0 -= self->area_x;
  x1 -= self->area_x;
  for (int x = MAX (x0, 0); x < MIN (x1, self->area_width); x++)
    {
      self->colors[x] = rgb;
      self->tops[x] = top;
      self->bottoms[x] = bottom;
    }
}

static void
draw_overlay (LanesRenderer *self,
              guint          lane,
              int            top,
              int            bar)
{
  const LanesPalette *palette = self->palette;
  gboolean assists = lanes_timeline_lane_get_kind (self->timeline, lane) == LANES_LANE_GOROUTINE;

  g_array_set_size (self->items, 0);
  lanes_timeline_query_overlay (self->timeline, lane, self->start, self->end, self->area_width, self->items);
  if (self->items->len == 0)
    return;
  lanes_renderer_clear_columns (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      const LanesItem *item = &g_array_index (self->items, LanesItem, i);
      int x0 = lanes_renderer_x (self, item->start), x1 = lanes_renderer_x (self, item->end);

      if (lanes_state_is_background (item->state))
        continue;
      /* Assists hatch the lower half of a goroutine; sweeps line a P's top. */
      if (assists)
        set_columns (self, x0, x1, palette->states[item->state], bar / 2, bar);
      else
        set_columns (self, x0, x1, palette->states[item->state], 0, 2);
    }
  lanes_raster_fill_columns (self->raster, self->area_x, top, self->area_width,
                             self->colors, self->tops, self->bottoms, assists);
}

/* CPU samples stand at the foot of the bar: a lone one as a tick where
 * it was taken, merged ones as tall as the share of the bucket's time
 * they stand for (a sample per interval of CPU is all of it). */
static void
draw_samples (LanesRenderer *self,
              guint          lane,
              int            top,
              int            bar)
{
  gint64 interval = lanes_cpu_samples_get_interval (lanes_timeline_get_samples (self->timeline));
  LanesRgb color = self->palette->sample;

  g_array_set_size (self->sample_items, 0);
  lanes_timeline_query_samples (self->timeline, lane, self->start, self->end, self->area_width, self->sample_items);
  if (self->sample_items->len == 0)
    return;
  lanes_renderer_clear_columns (self);
  for (guint i = 0; i < self->sample_items->len; i++)
    {
      const LanesSampleItem *item = &g_array_index (self->sample_items, LanesSampleItem, i);

      if (item->count == 1)
        {
          int x = lanes_renderer_x (self, item->time);
          set_columns (self, x, x + 1, color, bar - SAMPLE_HEIGHT, bar);
        }
      else
        {
          int x0 = lanes_renderer_x (self, MAX (item->start, self->start));
          int x1 = lanes_renderer_x (self, MIN (item->end, self->end));
          double share = MIN (1.0, (double) item->count * interval / (item->end - item->start));
          int h = MAX (1, (int) (SAMPLE_HEIGHT * share + 0.5));

          set_columns (self, x0, MAX (x1, x0 + 1), color, bar - h, bar);
        }
    }
  lanes_raster_fill_columns (self->raster, self->area_x, top, self->area_width,
                             self->colors, self->tops, self->bottoms, FALSE);
}

void
lanes_render_span_lane (LanesRenderer *self,
                        guint          lane,
                        int            y,
                        int            height)
{
  LanesTimeline *tl = self->timeline;
  const LanesPalette *palette = self->palette;
  LanesLaneKind kind = lanes_timeline_lane_get_kind (tl, lane);
  int top = y + GAP, bar = height - 2 * GAP;

  g_array_set_size (self->items, 0);
  lanes_timeline_query (tl, lane, self->start, self->end, self->area_width, self->items);
  lanes_renderer_clear_columns (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      const LanesItem *item = &g_array_index (self->items, LanesItem, i);
      int x0 = lanes_renderer_x (self, item->start), x1 = lanes_renderer_x (self, item->end);
      int h;

      if (x0 >= x1)
        continue;
      if (item->state == LANES_STATE_PROC_STOLEN && !item->merged)
        {
          /* A steal is an instant: mark where it happened. */
          set_columns (self, x0, x0 + 2, palette->states[LANES_STATE_STW], 0, bar);
          continue;
        }
      if (lanes_state_is_background (item->state))
        continue;
      /* A merged pixel is as tall as the share of it that was busy. */
      h = item->coverage == 255 ? bar : MAX (1, (bar * item->coverage + 127) / 255);
      set_columns (self, x0, x1, palette->states[item->state], bar - h, bar);
      if (!item->merged && x1 - x0 >= MIN_LABEL_WIDTH)
        label_span (self, kind, item, x0, x1, top + bar - 3);
    }
  lanes_raster_fill_columns (self->raster, self->area_x, top, self->area_width,
                             self->colors, self->tops, self->bottoms, FALSE);

  draw_overlay (self, lane, top, bar);
  if (kind == LANES_LANE_GOROUTINE)
    draw_regions (self, lane, top);
  if (kind == LANES_LANE_GOROUTINE || kind == LANES_LANE_PROC || kind == LANES_LANE_THREAD)
    draw_samples (self, lane, top, bar);
}

/* Plots */

typedef struct
{
  gint64 min;
  gint64 max;
  gint64 last;
  gboolean known;
} Column;

/* Each series over each column: the least and most of the items the
 * column meets, so a peak narrower than a pixel still shows, and the
 * value at its end. */
static void
sample_columns (LanesRenderer *self,
                guint          n_series,
                Column        *columns)
{
  for (guint s = 0; s < n_series; s++)
    {
      const LanesPlotItem *points = (const LanesPlotItem *) self->points[s]->data;
      guint n = self->points[s]->len, k = 0;

      for (int x = 0; x < self->area_width; x++)
        {
          gint64 t0 = self->start + (gint64) (x * self->ns_per_pixel);
          gint64 t1 = MAX (self->start + (gint64) ((x + 1) * self->ns_per_pixel), t0 + 1);
          Column *c = &columns[s * self->area_width + x];

          while (k < n && points[k].end <= t0)
            k++;
          c->known = FALSE;
          for (guint i = k; i < n && points[i].start < t1; i++)
            {
              c->min = c->known ? MIN (c->min, points[i].min) : points[i].min;
              c->max = c->known ? MAX (c->max, points[i].max) : points[i].max;
              c->last = points[i].last;
              c->known = TRUE;
            }
        }
    }
}

static char *
format_value (LanesSeries series,
              gint64      value)
{
  if (series == LANES_SERIES_HEAP_LIVE || series == LANES_SERIES_HEAP_GOAL)
    return g_format_size_full ((guint64) MAX (value, 0), G_FORMAT_SIZE_IEC_UNITS);
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static const char * const series_names[LANES_N_SERIES] = {
  N_("live heap"), N_("goal"), N_("running"), N_("runnable"), N_("waiting"), N_("syscall"), N_("busy threads"),
};

void
lanes_render_plot_lane (LanesRenderer *self,
                        guint          lane,
                        int            y,
                        int            height)
{
  LanesTimeline *tl = self->timeline;
  const LanesPalette *palette = self->palette;
  LanesSeries series[4];
  guint n = lanes_timeline_lane_get_series (tl, lane, series);
  /* The first two series stack, except the heap's goal, a line. */
  gboolean stacked = n == 2 && series[1] != LANES_SERIES_HEAP_GOAL;
  g_autofree Column *columns = g_new0 (Column, n * self->area_width);
  int bottom = height - 3, plot_height = height - 16;   /* from the lane's top */
  gint64 max = 1;
  int previous_goal = -1;
  LanesRgb tint;
  GString *legend = g_string_new (NULL);

  for (guint s = 0; s < n; s++)
    {
      g_array_set_size (self->points[s], 0);
      lanes_timeline_query_plot (tl, series[s], self->start, self->end, self->area_width, self->points[s]);
    }
  sample_columns (self, n, columns);

  /* Scaled to what is in view. */
  for (int x = 0; x < self->area_width; x++)
    {
      gint64 sum = 0;
      for (guint s = 0; s < n; s++)
        if (columns[s * self->area_width + x].known)
          {
            gint64 v = columns[s * self->area_width + x].max;
            sum = stacked ? sum + v : MAX (sum, v);
          }
      max = MAX (max, sum);
    }

  /* Layers as columns: the first series solid to its least value and a
   * tint to its most, then the second stacked on it or the goal line. */
#define HEIGHT_OF(v) ((int) ((double) (v) * plot_height / max + 0.5))
  tint = lanes_rgb_mix (lanes_raster_get (self->raster, self->area_x - 2, y + 1), palette->series[series[0]], 110);
  for (guint layer = 0; layer < 3; layer++)
    {
      lanes_renderer_clear_columns (self);
      for (int x = 0; x < self->area_width; x++)
        {
          const Column *a = &columns[x], *b = n > 1 ? &columns[self->area_width + x] : NULL;

          if (layer == 0 && a->known)
            {
              self->colors[x] = palette->series[series[0]];
              self->tops[x] = bottom - HEIGHT_OF (a->min);
              self->bottoms[x] = bottom;
            }
          else if (layer == 1 && a->known)
            {
              self->colors[x] = tint;
              self->tops[x] = bottom - HEIGHT_OF (a->max);
              self->bottoms[x] = bottom - HEIGHT_OF (a->min);
            }
          else if (layer == 2 && b != NULL && b->known && stacked)
            {
              gint64 base = a->known ? a->max : 0;
              self->colors[x] = palette->series[series[1]];
              self->tops[x] = bottom - HEIGHT_OF (base + b->max);
              self->bottoms[x] = bottom - HEIGHT_OF (base);
            }
          else if (layer == 2 && b != NULL && b->known)
            {
              /* The heap goal, a line two pixels thick joined up, that
               * spans what the goal was within the column. */
              int high = bottom - HEIGHT_OF (b->max), low = bottom - HEIGHT_OF (b->min);
              self->colors[x] = palette->series[series[1]];
              self->tops[x] = (previous_goal < 0 ? high : MIN (high, previous_goal)) - 1;
              self->bottoms[x] = (previous_goal < 0 ? low : MAX (low, previous_goal)) + 1;
              previous_goal = bottom - HEIGHT_OF (b->last);
            }
        }
      lanes_raster_fill_columns (self->raster, self->area_x, y, self->area_width,
                                 self->colors, self->tops, self->bottoms, FALSE);
    }
#undef HEIGHT_OF

  /* The true most of the range, not of the columns, which sample it. */
  for (guint s = 0; s < n; s++)
    {
      gint64 most;
      g_autofree char *value = NULL;

      if (!lanes_timeline_get_series_max_between (tl, series[s], self->start, self->end, &most))
        continue;
      value = format_value (series[s], most);
      g_string_append_printf (legend, "%s%s ≤ %s", legend->len ? "   " : "", _(series_names[series[s]]), value);
    }
  if (legend->len > 0)
    lanes_renderer_add_label (self, self->area_x + 4, y + 12, self->area_width - 8, palette->text_dim,
                              "%s", legend->str);
  g_string_free (legend, TRUE);
}

/* A task lane: the task's bar on top, named; its regions on a bar
 * below, nested ones inset, each named where no earlier name is; logs
 * as ticks across both with a notch on top. */
void
lanes_render_task_lane (LanesRenderer *self,
                        guint          lane,
                        int            y,
                        int            height)
{
  LanesTimeline *tl = self->timeline;
  const LanesPalette *palette = self->palette;
  LanesTraceReader *reader = lanes_timeline_get_reader (tl);
  const LanesUserTask *task = lanes_timeline_lane_get_task (tl, lane);
  const LanesUserRegion *regions;
  const LanesUserLog *logs;
  int bar = LANES_RENDER_SPAN_HEIGHT - 2 * GAP;
  int top = y + GAP, region_top = y + LANES_RENDER_REGION_TOP + GAP;
  int x0 = lanes_renderer_x (self, task->start), x1 = lanes_renderer_x (self, task->end);
  int named_until = G_MININT;
  guint n;

  if (task->end < self->start || task->start > self->end)
    return;
  lanes_raster_fill (self->raster, x0, top, MAX (x1, x0 + 1), top + bar, palette->task);
  if (x1 - x0 >= MIN_LABEL_WIDTH)
    lanes_renderer_add_label (self, x0 + 3, top + bar - 3, x1 - x0 - 6, lanes_palette_text_on (palette->task), "%s",
                              lanes_trace_reader_get_string (reader, task->name));

  regions = lanes_timeline_lane_get_regions (tl, lane, &n);
  for (guint i = 0; i < n; i++)
    {
      int r0 = lanes_renderer_x (self, regions[i].start), r1 = lanes_renderer_x (self, regions[i].end);
      int inset = MIN (regions[i].depth, 3) * 2;

      if (regions[i].end < self->start || regions[i].start > self->end)
        continue;
      lanes_raster_fill (self->raster, r0, region_top + inset, MAX (r1, r0 + 1), region_top + bar, palette->region);
      if (r1 - r0 >= MIN_LABEL_WIDTH && r0 >= named_until)
        {
          lanes_renderer_add_label (self, r0 + 3, region_top + bar - 3, r1 - r0 - 6,
                                    lanes_palette_text_on (palette->region), "%s",
                                    lanes_trace_reader_get_string (reader, regions[i].name));
          named_until = r1;
        }
    }
  logs = lanes_timeline_lane_get_logs (tl, lane, &n);
  for (guint i = 0; i < n; i++)
    {
      int x = lanes_renderer_x (self, logs[i].time);

      if (logs[i].time < self->start || logs[i].time > self->end)
        continue;
      lanes_raster_fill (self->raster, x, top - 1, x + 1, region_top + bar, palette->log);
      lanes_raster_fill (self->raster, x - 2, top - 1, x + 3, top + 2, palette->log);
    }
}

void
lanes_render_stw_bands (LanesRenderer *self,
                        int            y0,
                        int            y1)
{
  guint lane = lanes_timeline_find_lane (self->timeline, LANES_LANE_STW, -1);
  guint full = self->palette->band_alpha;
  g_autoptr(GArray) x0s = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) x1s = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) alphas = g_array_new (FALSE, FALSE, sizeof (guint16));

  g_array_set_size (self->items, 0);
  lanes_timeline_query (self->timeline, lane, self->start, self->end, self->area_width, self->items);
  for (guint i = 0; i < self->items->len; i++)
    {
      const LanesItem *item = &g_array_index (self->items, LanesItem, i);
      int x0 = lanes_renderer_x (self, item->start), x1 = MAX (lanes_renderer_x (self, item->end), x0 + 1);
      guint16 alpha = MAX (12, full * item->coverage / 255);

      /* A pause a pixel or more long shows however short; one that is
       * a small part of a pixel only in the STW lane, so a thousand
       * short pauses do not paint the whole trace red. */
      if (item->state != LANES_STATE_STW || (item->merged && item->coverage < MIN_BAND_COVERAGE))
        continue;
      g_array_append_val (x0s, x0);
      g_array_append_val (x1s, x1);
      g_array_append_val (alphas, alpha);
    }
  lanes_raster_blend_columns (self->raster, y0, y1, (const int *) x0s->data, (const int *) x1s->data,
                              (const guint16 *) alphas->data, x0s->len, self->palette->states[LANES_STATE_STW]);
}
