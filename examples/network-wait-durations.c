/* network-wait-durations.c: how long do goroutines wait on the network
 * (Go's GoBlockNet)?  Their number, total, percentiles and a histogram.
 * An example of the lanes-trace-0 library.
 *
 *   cc network-wait-durations.c $(pkg-config --cflags --libs lanes-trace-0)
 *   ./a.out trace.out
 *
 * A wait begins when a goroutine goes to Waiting for the reason "network"
 * and ends at its next state transition; one still going on when the
 * trace ends counts until then, as go tool trace counts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <lanes-trace.h>
#include <stdio.h>
#include <stdlib.h>

static int
compare_durations (const void *a,
                   const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
print_duration (const char *label,
                gint64      ns)
{
  if (ns >= 1000000000)
    printf ("%s%.3f s", label, ns / 1e9);
  else if (ns >= 1000000)
    printf ("%s%.3f ms", label, ns / 1e6);
  else if (ns >= 1000)
    printf ("%s%.3f us", label, ns / 1e3);
  else
    printf ("%s%" G_GINT64_FORMAT " ns", label, ns);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  /* goroutine → when its network wait began */
  g_autoptr(GHashTable) waiting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer start;
  LanesTraceEvent event;
  guint32 network;
  gint64 last = 0, total = 0;
  guint buckets[64] = { 0 };
  guint n;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s TRACE\n", argv[0]);
      return 2;
    }
  reader = lanes_trace_reader_new_for_path (argv[1], &error);
  if (reader == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  /* Compare string ids, not strings, event by event. */
  network = lanes_trace_reader_intern_string (reader, "network");

  while (lanes_trace_reader_next (reader, &event, &error))
    {
      const LanesTransition *t = &event.transition;
      gint64 *began;

      last = event.time;
      if (event.kind != LANES_EVENT_STATE_TRANSITION || t->resource != LANES_RESOURCE_GOROUTINE)
        continue;
      began = g_hash_table_lookup (waiting, &t->id);
      if (began != NULL)
        {
          gint64 d = event.time - *began;

          g_array_append_val (durations, d);
          g_hash_table_remove (waiting, &t->id);
        }
      if (t->to == LANES_GO_WAITING && t->reason == network)
        g_hash_table_insert (waiting, g_memdup2 (&t->id, sizeof t->id), g_memdup2 (&event.time, sizeof event.time));
    }
  if (error != NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_hash_table_iter_init (&iter, waiting);
  while (g_hash_table_iter_next (&iter, NULL, &start))
    {
      gint64 d = last - *(gint64 *) start;

      g_array_append_val (durations, d);
    }

  n = durations->len;
  g_array_sort (durations, compare_durations);
  for (guint i = 0; i < n; i++)
    {
      gint64 d = g_array_index (durations, gint64, i);

      total += d;
      buckets[d > 0 ? g_bit_storage (d) : 0]++;
    }
  printf ("network waits: %u\n", n);
  if (n == 0)
    return 0;
  printf ("total: %" G_GINT64_FORMAT " ns\n", total);
  print_duration ("median: ", g_array_index (durations, gint64, n / 2));
  print_duration (", p90: ", g_array_index (durations, gint64, (guint) (n * 0.9)));
  print_duration (", p99: ", g_array_index (durations, gint64, (guint) (n * 0.99)));
  print_duration (", max: ", g_array_index (durations, gint64, n - 1));
  printf ("\n");
  /* Bucket b holds durations of b significant bits: from 2^(b-1) ns up to
   * twice that. */
  for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
    if (buckets[b] != 0)
      {
        print_duration ("  < ", (gint64) 1 << b);
        printf (": %u\n", buckets[b]);
      }
  return 0;
}
