/* lanes-blocking-profile.h: where goroutines wait, as pprof-style
 * profiles: for each stack, how often and how long goroutines waited
 * there.
 *
 * These are `go tool trace -pprof=net|sync|syscall|sched`, computed the
 * way cmd/trace computes them: a wait starts at a state transition with
 * a stack into the state of the profile and ends at the goroutine's next
 * transition with a stack into another state; it is charged to the
 * stack where it started, for the time after the goroutine first ran.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-goroutine-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  LANES_PROFILE_NET,       /* blocked on the network */
  LANES_PROFILE_SYNC,      /* blocked on channels, select or sync */
  LANES_PROFILE_SYSCALL,   /* in system calls */
  LANES_PROFILE_SCHED,     /* runnable, waiting for a P */
  LANES_PROFILE_N_KINDS
} LanesProfileKind;

typedef struct
{
  guint32 stack;           /* where the waits began */
  guint64 count;
  gint64 delay_ns;
} LanesProfileRecord;

const char *lanes_profile_kind_to_string   (LanesProfileKind  kind);
/* FALSE if @name is none of "net", "sync", "syscall", "sched". */
gboolean    lanes_profile_kind_from_string (const char       *name,
                                            LanesProfileKind *kind);

typedef struct _LanesBlockingProfiles LanesBlockingProfiles;

/* @goroutines must be given each event before the profiles are. */
LanesBlockingProfiles *lanes_blocking_profiles_new  (LanesTraceReader       *reader,
                                                     LanesGoroutineIndex    *index,
                                                     LanesGoroutineAnalysis *goroutines);
void                   lanes_blocking_profiles_free (LanesBlockingProfiles *profiles);

void                   lanes_blocking_profiles_add  (LanesBlockingProfiles *profiles,
                                                     const LanesTraceEvent *events,
                                                     guint                  n_events);
/* One event, with lanes_goroutine_index_of_transition() of it. */
void                   lanes_blocking_profiles_add_event (LanesBlockingProfiles *profiles,
                                                          const LanesTraceEvent *event,
                                                          guint32                goroutine);

/* Call once, after the last event. */
void                   lanes_blocking_profiles_finish (LanesBlockingProfiles *profiles);

/* LanesProfileRecord, one per stack, longest delay first.  Waits still
 * going on at the end of the trace are left out, as by Go. */
const GArray          *lanes_blocking_profiles_get  (LanesBlockingProfiles *profiles,
                                                     LanesProfileKind       kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesBlockingProfiles, lanes_blocking_profiles_free)

G_END_DECLS
