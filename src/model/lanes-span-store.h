/* lanes-span-store.h: every span lane of a timeline in one compact store.
 *
 * A lane is a sequence of entries in time order; entry i is a span from
 * its own time to the time of entry i + 1 (the last lasts to the end of
 * the trace).  Entries are varint-coded (time delta, a code byte, then
 * only the fields the code says are present) in blocks of up to 64,
 * appended to one byte arena; a 16-byte header per block holds its first
 * time and place, so a lane is found by binary search and read forwards.
 * A span of a goroutine costs 3–8 bytes, a P's 4–7.
 *
 * While building, each lane keeps its newest block in a small buffer of
 * its own, so the last entry can still be changed (a GC worker's label
 * comes just after it starts running).  lanes_span_store_finish() moves
 * the rest into the arena and orders the block headers by lane.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lanes-state.h"

G_BEGIN_DECLS

#define LANES_NO_ACTOR G_MAXUINT32

typedef struct
{
  gint64 time;          /* when the span begins */
  guint8 state;         /* LanesState */
  guint32 reason;       /* string id, 0 when none */
  guint32 stack;        /* stack id, 0 when none */
  guint32 actor;        /* a goroutine, P or thread index, or LANES_NO_ACTOR */
} LanesSpanEntry;

typedef struct _LanesSpanStore LanesSpanStore;

LanesSpanStore *lanes_span_store_new              (void);
void            lanes_span_store_free             (LanesSpanStore       *store);

/* Building */
guint32         lanes_span_store_add_lane         (LanesSpanStore       *store);
void            lanes_span_store_append           (LanesSpanStore       *store,
                                                   guint32               lane,
                                                   const LanesSpanEntry *entry);
/* The state of the lane's newest entry, NONE while it has none. */
LanesState      lanes_span_store_get_last_state   (LanesSpanStore       *store,
                                                   guint32               lane);
void            lanes_span_store_set_last_state   (LanesSpanStore       *store,
                                                   guint32               lane,
                                                   LanesState            state);
/* Gives back the buffer of a lane that will get no more entries. */
void            lanes_span_store_close_lane       (LanesSpanStore       *store,
                                                   guint32               lane);
void            lanes_span_store_finish           (LanesSpanStore       *store);
/* A finished store of the entries appended so far, to read on another
 * thread while building goes on.  It borrows the arena: @store must
 * outlive it. */
LanesSpanStore *lanes_span_store_snapshot         (LanesSpanStore       *store);

/* Reading, after lanes_span_store_finish() */
guint           lanes_span_store_get_n_lanes      (const LanesSpanStore *store);
guint64         lanes_span_store_get_n_entries    (const LanesSpanStore *store,
                                                   guint32               lane);
gsize           lanes_span_store_get_memory       (const LanesSpanStore *store);

typedef struct
{
  const LanesSpanStore *store;
  guint32 block;        /* block of the next entry */
  guint32 end_block;
  guint left;           /* entries of that block not yet read */
  const guint8 *pos;
  gint64 time;          /* time of the entry read last */
} LanesSpanIter;

/* Before the lane's first entry. */
void     lanes_span_iter_init (LanesSpanIter        *iter,
                               const LanesSpanStore *store,
                               guint32               lane);
/* So that the next entry is the last one at or before @time, or the
 * first one when all are later. */
void     lanes_span_iter_seek (LanesSpanIter        *iter,
                               const LanesSpanStore *store,
                               guint32               lane,
                               gint64                time);
/* The same, from where @iter is, forwards only: @time must not be before
 * the entries it has read. */
void     lanes_span_iter_skip (LanesSpanIter        *iter,
                               gint64                time);
gboolean lanes_span_iter_next (LanesSpanIter        *iter,
                               LanesSpanEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanesSpanStore, lanes_span_store_free)

G_END_DECLS
