/* lanes-finding.h: one shape a diagnosis rule found in a trace.
 *
 * A finding says what was found (its rule's stable id and a one-line
 * summary), how bad it is, the numbers that show it, what the shape
 * usually means and the usual fix, and where to look: time ranges and
 * goroutine ids.  Times are the trace's own (as events carry them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LANES_SEVERITY_INFO,
  LANES_SEVERITY_WARNING,
  LANES_SEVERITY_SEVERE,
} LanesSeverity;

const char *lanes_severity_to_string (LanesSeverity severity);

typedef enum
{
  LANES_UNIT_NS,        /* a duration */
  LANES_UNIT_SHARE,     /* a fraction, 0 to 1 */
  LANES_UNIT_COUNT,
  LANES_UNIT_PER_SECOND,
  LANES_UNIT_RATIO,     /* one quantity over another */
} LanesUnit;

typedef struct
{
  const char *name;     /* static: "sched_wait_ns", "gc_cpu_share"… */
  LanesUnit unit;
  double value;
} LanesEvidence;

#define LANES_TYPE_FINDING (lanes_finding_get_type ())
G_DECLARE_FINAL_TYPE (LanesFinding, lanes_finding, LANES, FINDING, GObject)

/* @id, @meaning and @fix are static strings. */
LanesFinding *lanes_finding_new            (const char    *id,
                                            LanesSeverity  severity,
                                            const char    *meaning,
                                            const char    *fix);
void          lanes_finding_set_summary    (LanesFinding  *self,
                                            const char    *format,
                                            ...) G_GNUC_PRINTF (2, 3);
void          lanes_finding_add_evidence   (LanesFinding  *self,
                                            const char    *name,
                                            LanesUnit      unit,
                                            double         value);
/* A line of detail: a stack, a reason, a goroutine's part. */
void          lanes_finding_add_detail     (LanesFinding  *self,
                                            const char    *format,
                                            ...) G_GNUC_PRINTF (2, 3);
void          lanes_finding_add_range      (LanesFinding  *self,
                                            gint64         start,
                                            gint64         end);
void          lanes_finding_add_goroutine  (LanesFinding  *self,
                                            gint64         id);

const char   *lanes_finding_get_id         (LanesFinding  *self);
LanesSeverity lanes_finding_get_severity   (LanesFinding  *self);
const char   *lanes_finding_get_summary    (LanesFinding  *self);
const char   *lanes_finding_get_meaning    (LanesFinding  *self);
const char   *lanes_finding_get_fix        (LanesFinding  *self);
/* LanesEvidence, in the order added. */
const GArray *lanes_finding_get_evidence   (LanesFinding  *self);
/* The value of the evidence called @name; FALSE when there is none. */
gboolean      lanes_finding_lookup_evidence (LanesFinding *self,
                                             const char   *name,
                                             double       *value);
/* char * lines. */
const GPtrArray *lanes_finding_get_details (LanesFinding  *self);
/* gint64 pairs start, end: 2 × n values. */
const GArray *lanes_finding_get_ranges     (LanesFinding  *self);
/* gint64 goroutine ids. */
const GArray *lanes_finding_get_goroutines (LanesFinding  *self);

G_END_DECLS
