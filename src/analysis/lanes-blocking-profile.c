/* lanes-blocking-profile.c
 *
 * Stacks are interned by content, so one record per stack id is already
 * Go's deduplication by program counters.
 *
 * go tool trace counts only the part of a wait after the goroutine first
 * ran (in its last life, as its goroutine analysis tells), so a wait that
 * ends before its goroutine ever ran is held back until the end, when it
 * is known whether it ever did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-blocking-profile.h"

#include <string.h>

static const char *const kind_names[LANES_PROFILE_N_KINDS] = { "net", "sync", "syscall", "sched" };

#define KIND_BIT(kind) (1u << (kind))

/* Which waiting reasons a profile takes, per string id, as kind bits
 * + 0x80 so that 0 means "not looked at yet". */
#define REASON_CLASSIFIED 0x80

/* A goroutine's waits in progress.  Net, syscall and sched waits are in
 * different states, so a goroutine has at most one of them at a time: it
 * is the first wait, the other one is a sync wait.  A wait is in
 * progress while its stack is not 0. */
typedef struct
{
  gint64 since;
  gint64 sync_since;
  guint32 stack;
  guint32 sync_stack;
  guint8 kind;             /* of the first wait */
} Waits;

static const LanesGoState kind_states[LANES_PROFILE_N_KINDS] = {
  LANES_GO_WAITING, LANES_GO_WAITING, LANES_GO_SYSCALL, LANES_GO_RUNNABLE,
};

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
  GArray *record_of;       /* guint32 index in records + 1 per stack id, 0 if none */
  GArray *records;         /* LanesProfileRecord */
} Profile;

struct _LanesBlockingProfiles
{
  LanesTraceReader *reader;
  LanesGoroutineIndex *index;
  LanesGoroutineAnalysis *goroutines;
  GByteArray *reasons;     /* REASON_CLASSIFIED | kind bits per string id */
  gsize row;               /* where the Waits are in goroutine rows */
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
lanes_blocking_profiles_new (LanesTraceReader       *reader,
                             LanesGoroutineIndex    *index,
                             LanesGoroutineAnalysis *goroutines)
{
  LanesBlockingProfiles *profiles = g_new0 (LanesBlockingProfiles, 1);

  profiles->reader = reader;
  profiles->index = index;
  profiles->goroutines = goroutines;
  profiles->reasons = g_byte_array_new ();
  profiles->row = lanes_goroutine_index_reserve (index, sizeof (Waits));
  profiles->held = g_array_new (FALSE, FALSE, sizeof (HeldWait));
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    {
      profiles->profiles[k].record_of = g_array_new (FALSE, TRUE, sizeof (guint32));
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
  g_array_unref (profiles->held);
  for (guint k = 0; k < LANES_PROFILE_N_KINDS; k++)
    {
      g_clear_pointer (&profiles->profiles[k].record_of, g_array_unref);
      g_array_unref (profiles->profiles[k].records);
    }
  g_free (profiles);
}

/* The profiles that take a wait for @reason. */
static guint8
kinds_for_reason (LanesBlockingProfiles *profiles,
                  guint32                reason)
{
  if (reason >= profiles->reasons->len)
    {
      guint old = profiles->reasons->len;
      g_byte_array_set_size (profiles->reasons, MAX (reason + 1, old * 2));
      memset (profiles->reasons->data + old, 0, profiles->reasons->len - old);
    }
  if (profiles->reasons->data[reason] == 0)
    {
      const char *s = lanes_trace_reader_get_string (profiles->reader, reason);
      guint8 kinds = REASON_CLASSIFIED | KIND_BIT (LANES_PROFILE_SYSCALL) | KIND_BIT (LANES_PROFILE_SCHED);

      if (strcmp (s, "network") == 0)
        kinds |= KIND_BIT (LANES_PROFILE_NET);
      if (strstr (s, "chan") || strstr (s, "sync") || strstr (s, "select"))
        kinds |= KIND_BIT (LANES_PROFILE_SYNC);
      profiles->reasons->data[reason] = kinds;
    }
  return profiles->reasons->data[reason];
}

/* Stack ids are dense, so records are found by a flat array. */
static void
charge (Profile *profile,
        guint32  stack,
        gint64   delay)
{
  guint32 r;

  if (stack >= profile->record_of->len)
    g_array_set_size (profile->record_of, MAX (stack + 1, profile->record_of->len * 2));
  r = g_array_index (profile->record_of, guint32, stack);
  if (r == 0)
    {
      LanesProfileRecord record = { stack, 0, 0 };
      g_array_append_val (profile->records, record);
      r = profile->records->len;
      g_array_index (profile->record_of, guint32, stack) = r;
    }
  g_array_index (profile->records, LanesProfileRecord, r - 1).count++;
  g_array_index (profile->records, LanesProfileRecord, r - 1).delay_ns += delay;
}

static void
end_wait (LanesBlockingProfiles *profiles,
          guint32                goroutine,
          LanesProfileKind       kind,
          gint64                 since,
          guint32                stack,
          gint64                 until)
{
  guint32 life;
  gint64 first_run = lanes_goroutine_analysis_get_start_time (profiles->goroutines, goroutine, &life);

  if (first_run == 0)
    {
      HeldWait held = { since, until, goroutine, life, stack, kind };
      g_array_append_val (profiles->held, held);
    }
  else if (until - MAX (since, first_run) > 0)
    charge (&profiles->profiles[kind], stack, until - MAX (since, first_run));
}

/* Each profile's waits end at a transition out of its state and begin
 * at one into it; only transitions that have a stack count. */
void
lanes_blocking_profiles_add_event (LanesBlockingProfiles *profiles,
                                   const LanesTraceEvent *event,
                                   guint32                goroutine)
{
  const LanesTransition *t = &event->transition;
  Waits *waits;
  guint8 reasons;

  if (event->kind != LANES_EVENT_STATE_TRANSITION || event->stack == LANES_NO_STACK
      || t->resource != LANES_RESOURCE_GOROUTINE)
    return;

  waits = lanes_goroutine_index_row (profiles->index, goroutine, profiles->row);
  if (waits->stack != LANES_NO_STACK && kind_states[waits->kind] != t->to)
    {
      end_wait (profiles, goroutine, waits->kind, waits->since, waits->stack, event->time);
      waits->stack = LANES_NO_STACK;
    }
  if (waits->sync_stack != LANES_NO_STACK && t->to != LANES_GO_WAITING)
    {
      end_wait (profiles, goroutine, LANES_PROFILE_SYNC, waits->sync_since, waits->sync_stack, event->time);
      waits->sync_stack = LANES_NO_STACK;
    }

  switch (t->to)
    {
    case LANES_GO_WAITING:
      reasons = kinds_for_reason (profiles, t->reason);
      if (waits->stack == LANES_NO_STACK && (reasons & KIND_BIT (LANES_PROFILE_NET)))
        {
          waits->kind = LANES_PROFILE_NET;
          waits->since = event->time;
          waits->stack = event->stack;
        }
      if (waits->sync_stack == LANES_NO_STACK && (reasons & KIND_BIT (LANES_PROFILE_SYNC)))
        {
          waits->sync_since = event->time;
          waits->sync_stack = event->stack;
        }
      break;
    case LANES_GO_SYSCALL:
    case LANES_GO_RUNNABLE:
      if (waits->stack == LANES_NO_STACK)
        {
          waits->kind = t->to == LANES_GO_SYSCALL ? LANES_PROFILE_SYSCALL : LANES_PROFILE_SCHED;
          waits->since = event->time;
          waits->stack = event->stack;
        }
      break;
    default:
      break;
    }
}

void
lanes_blocking_profiles_add (LanesBlockingProfiles *profiles,
                             const LanesTraceEvent *events,
                             guint                  n_events)
{
  g_return_if_fail (!profiles->finished);

  for (guint i = 0; i < n_events; i++)
    lanes_blocking_profiles_add_event (profiles, &events[i],
                                       lanes_goroutine_index_of_transition (profiles->index, &events[i]));
}

/* A held wait counts whole if its goroutine's last life never ran, and
 * from the first run on if that life is the wait's own. */
static void
settle_held_waits (LanesBlockingProfiles *profiles)
{
  for (guint h = 0; h < profiles->held->len; h++)
    {
      const HeldWait *held = &g_array_index (profiles->held, HeldWait, h);
      guint32 life;
      gint64 first_run = lanes_goroutine_analysis_get_start_time (profiles->goroutines, held->goroutine, &life);
      gint64 from = held->since;

      if (first_run != 0 && life != held->life)
        continue;
      if (first_run != 0)
        from = MAX (from, first_run);
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
      g_clear_pointer (&profiles->profiles[k].record_of, g_array_unref);
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
