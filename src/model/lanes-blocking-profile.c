/* lanes-blocking-profile.c
 *
 * Stacks are interned by content, so one record per stack id is already
 * Go's deduplication by program counters.
 *
 * go tool trace counts only the part of a wait after the goroutine first
 * ran (in its last life), so a wait that ends before its goroutine ever
 * ran is held back until the end, when it is known whether it ever did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-blocking-profile.h"

#include <string.h>

static const char *const kind_names[LANES_PROFILE_N_KINDS] = { "net", "sync", "syscall", "sched" };

static const LanesGoState kind_states[LANES_PROFILE_N_KINDS] = {
  LANES_GO_WAITING, LANES_GO_WAITING, LANES_GO_SYSCALL, LANES_GO_RUNNABLE,
};

/* Which waiting reasons a profile takes, per string id, + 1 so that 0
 * means "not looked at yet". */
#define REASON_NET  0x2
#define REASON_SYNC 0x4

/* A goroutine's waits in progress, one per profile (stack 0 when none),
 * and when its current life first ran (0 if not yet). */
typedef struct
{
  gint64 since[LANES_PROFILE_N_KINDS];
  guint32 stack[LANES_PROFILE_N_KINDS];
  gint64 first_run;
  guint32 life;
} Waits;

/* A wait that ended before its goroutine's life first ran. */
typedef struct
{
  gint64 since;
  gint64 until;
  guint32 goroutine;
  guint32 life;
  guint32 stack;
  guint8 kind;
} HeldWait;

typedef struct
{
  LanesIdMap record_of;    /* stack id → index in records */
  GArray *records;         /* LanesProfileRecord */
} Profile;

struct _LanesBlockingProfiles
{
  LanesTraceReader *reader;
  LanesGoroutineIndex *index;
  GByteArray *reasons;
  GArray *waits;           /* Waits per goroutine index */
  GArray *held;            /* HeldWait */
  Profile profiles[LANES_PROFILE_N_KINDS];
  gboolean finished;
};

const char *
lanes_profile_kind_to_string (LanesProfileKind kind)
{
  g_return_val_if_fail (kind < LANES_PROFILE_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
lanes_profile_kind_from_string (const char       *name,
                                LanesProfileKind *kind)
{
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    if (strcmp (name, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

LanesBlockingProfiles *
lanes_blocking_profiles_new (LanesTraceReader    *reader,
                             LanesGoroutineIndex *index)
{
  LanesBlockingProfiles *profiles = g_new0 (LanesBlockingProfiles, 1);

  profiles->reader = reader;
  profiles->index = index;
  profiles->reasons = g_byte_array_new ();
  profiles->waits = g_array_new (FALSE, TRUE, sizeof (Waits));
  profiles->held = g_array_new (FALSE, FALSE, sizeof (HeldWait));
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    {
      lanes_id_map_init (&profiles->profiles[k].record_of);
      profiles->profiles[k].records = g_array_new (FALSE, FALSE, sizeof (LanesProfileRecord));
    }
  return profiles;
}

void
lanes_blocking_profiles_free (LanesBlockingProfiles *profiles)
{
  if (profiles == NULL)
    return;
  g_byte_array_unref (profiles->reasons);
  g_array_unref (profiles->waits);
  g_array_unref (profiles->held);
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    {
      lanes_id_map_clear (&profiles->profiles[k].record_of);
      g_array_unref (profiles->profiles[k].records);
    }
  g_free (profiles);
}

static guint8
classify_reason (const char *reason)
{
  guint8 bits = 1;

  if (strcmp (reason, "network") == 0)
    bits |= REASON_NET;
  if (strstr (reason, "chan") || strstr (reason, "sync") || strstr (reason, "select"))
    bits |= REASON_SYNC;
  return bits;
}

static gboolean
takes_reason (LanesBlockingProfiles *profiles,
              LanesProfileKind       kind,
              guint32                reason)
{
  guint8 bits;

  if (kind != LANES_PROFILE_NET && kind != LANES_PROFILE_SYNC)
    return TRUE;
  if (reason >= profiles->reasons->len)
    {
      guint old = profiles->reasons->len;
      g_byte_array_set_size (profiles->reasons, reason + 1);
      memset (profiles->reasons->data + old, 0, reason + 1 - old);
    }
  if (profiles->reasons->data[reason] == 0)
    profiles->reasons->data[reason] = classify_reason (lanes_trace_reader_get_string (profiles->reader, reason));
  bits = profiles->reasons->data[reason];
  return (bits & (kind == LANES_PROFILE_NET ? REASON_NET : REASON_SYNC)) != 0;
}

static void
charge (Profile *profile,
        guint32  stack,
        gint64   delay)
{
  guint32 r = lanes_id_map_lookup (&profile->record_of, stack);

  if (r == LANES_ID_MAP_ABSENT)
    {
      LanesProfileRecord record = { stack, 0, 0 };
      r = profile->records->len;
      g_array_append_val (profile->records, record);
      lanes_id_map_insert (&profile->record_of, stack, r);
    }
  g_array_index (profile->records, LanesProfileRecord, r).count++;
  g_array_index (profile->records, LanesProfileRecord, r).delay_ns += delay;
}

/* Lives and first runs, from every transition of the goroutine. */
static void
follow_life (Waits                 *waits,
             const LanesTraceEvent *event)
{
  const LanesTransition *t = &event->transition;

  if (t->from == t->to)
    return;
  if (t->from == LANES_GO_UNDETERMINED || t->from == LANES_GO_NOT_EXIST)
    {
      waits->life++;
      waits->first_run = 0;
    }
  if (t->to == LANES_GO_RUNNING && waits->first_run == 0)
    waits->first_run = event->time;
}

static void
end_wait (LanesBlockingProfiles *profiles,
          Waits                 *waits,
          guint32                goroutine,
          LanesProfileKind       kind,
          gint64                 until)
{
  gint64 since = waits->since[kind];

  if (waits->first_run == 0)
    {
      HeldWait held = { since, until, goroutine, waits->life, waits->stack[kind], kind };
      g_array_append_val (profiles->held, held);
    }
  else if (until - MAX (since, waits->first_run) > 0)
    charge (&profiles->profiles[kind], waits->stack[kind], until - MAX (since, waits->first_run));
  waits->stack[kind] = LANES_NO_STACK;
}

void
lanes_blocking_profiles_add (LanesBlockingProfiles *profiles,
                             const LanesTraceEvent *event)
{
  const LanesTransition *t = &event->transition;
  guint32 i;
  Waits *waits;

  g_return_if_fail (!profiles->finished);

  if (event->kind != LANES_EVENT_STATE_TRANSITION || t->resource != LANES_RESOURCE_GOROUTINE)
    return;

  i = lanes_goroutine_index_get (profiles->index, t->id);
  if (i >= profiles->waits->len)
    g_array_set_size (profiles->waits, MAX (i + 1, profiles->waits->len * 2));
  waits = &g_array_index (profiles->waits, Waits, i);
  follow_life (waits, event);

  /* Only transitions that have a stack begin or end waits. */
  if (event->stack == LANES_NO_STACK)
    return;
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    {
      if (waits->stack[k] == LANES_NO_STACK)
        {
          if (t->to == kind_states[k] && takes_reason (profiles, k, t->reason))
            {
              waits->since[k] = event->time;
              waits->stack[k] = event->stack;
            }
        }
      else if (t->to != kind_states[k])
        end_wait (profiles, waits, i, k, event->time);
    }
}

/* A held wait counts whole if its goroutine's last life never ran, and
 * from the first run on if that life is the wait's own. */
static void
settle_held_waits (LanesBlockingProfiles *profiles)
{
  for (guint h = 0; h < profiles->held->len; h++)
    {
      const HeldWait *held = &g_array_index (profiles->held, HeldWait, h);
      const Waits *waits = &g_array_index (profiles->waits, Waits, held->goroutine);
      gint64 from = held->since;

      if (waits->first_run != 0 && waits->life != held->life)
        continue;
      if (waits->first_run != 0)
        from = MAX (from, waits->first_run);
      if (held->until - from > 0)
        charge (&profiles->profiles[held->kind], held->stack, held->until - from);
    }
  g_array_set_size (profiles->held, 0);
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const LanesProfileRecord *x = a, *y = b;

  if (x->delay_ns != y->delay_ns)
    return x->delay_ns > y->delay_ns ? -1 : 1;
  return (x->stack > y->stack) - (x->stack < y->stack);
}

void
lanes_blocking_profiles_finish (LanesBlockingProfiles *profiles)
{
  g_return_if_fail (!profiles->finished);

  settle_held_waits (profiles);
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    {
      g_array_sort (profiles->profiles[k].records, compare_records);
      lanes_id_map_clear (&profiles->profiles[k].record_of);
    }
  profiles->finished = TRUE;
}

const GArray *
lanes_blocking_profiles_get (LanesBlockingProfiles *profiles,
                             LanesProfileKind       kind)
{
  g_return_val_if_fail (profiles->finished && kind < LANES_PROFILE_N_KINDS, NULL);
  return profiles->profiles[kind].records;
}
