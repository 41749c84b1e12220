/* fuzz-model.c: libFuzzer entry point for the reader and the timeline
 * model together: building lanes, level of detail and plots from any
 * bytes, then querying them, must never crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-timeline.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTimeline) timeline = lanes_timeline_new_for_bytes (bytes, "fuzz.trace", &error);
  g_autoptr(GArray) items = NULL;
  gint64 start, end;

  if (timeline == NULL)
    return 0;
  items = g_array_new (FALSE, FALSE, sizeof (LanesItem));
  start = lanes_timeline_get_start (timeline);
  end = lanes_timeline_get_end (timeline);
  /* What a frame asks of every lane, at two zooms, and a hit test. */
  for (guint lane = 0; lane < lanes_timeline_get_n_lanes (timeline); lane++)
    {
      LanesSpanDetails details;

      g_array_set_size (items, 0);
      if (lanes_timeline_lane_is_plot (timeline, lane))
        continue;
      lanes_timeline_query (timeline, lane, start, end, 512, items);
      lanes_timeline_query (timeline, lane, start, start + (end - start) / 64 + 1, 512, items);
      lanes_timeline_hit_test (timeline, lane, start + (end - start) / 2, &details);
    }
  return 0;
}
