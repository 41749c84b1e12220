/* lanes-finding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-finding.h"

struct _LanesFinding
{
  GObject parent_instance;
  const char *id;
  LanesSeverity severity;
  char *summary;
  const char *meaning;
  const char *fix;
  GArray *evidence;
  GPtrArray *details;
  GArray *ranges;
  GArray *goroutines;
};

G_DEFINE_FINAL_TYPE (LanesFinding, lanes_finding, G_TYPE_OBJECT)

const char *
lanes_severity_to_string (LanesSeverity severity)
{
  switch (severity)
    {
    case LANES_SEVERITY_INFO:
      return "info";
    case LANES_SEVERITY_WARNING:
      return "warning";
    case LANES_SEVERITY_SEVERE:
      return "severe";
    default:
      g_return_val_if_reached ("info");
    }
}

static void
lanes_finding_finalize (GObject *object)
{
  LanesFinding *self = LANES_FINDING (object);

  g_free (self->summary);
  g_array_unref (self->evidence);
  g_ptr_array_unref (self->details);
  g_array_unref (self->ranges);
  g_array_unref (self->goroutines);
  G_OBJECT_CLASS (lanes_finding_parent_class)->finalize (object);
}

static void
lanes_finding_class_init (LanesFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanes_finding_finalize;
}

static void
lanes_finding_init (LanesFinding *self)
{
  self->evidence = g_array_new (FALSE, FALSE, sizeof (LanesEvidence));
  self->details = g_ptr_array_new_with_free_func (g_free);
  self->ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->goroutines = g_array_new (FALSE, FALSE, sizeof (gint64));
}

LanesFinding *
lanes_finding_new (const char    *id,
                   LanesSeverity  severity,
                   const char    *meaning,
                   const char    *fix)
{
  LanesFinding *self = g_object_new (LANES_TYPE_FINDING, NULL);

  self->id = id;
  self->severity = severity;
  self->meaning = meaning;
  self->fix = fix;
  return self;
}

void
lanes_finding_set_summary (LanesFinding *self,
                           const char   *format,
                           ...)
{
  va_list args;

  g_free (self->summary);
  va_start (args, format);
  self->summary = g_strdup_vprintf (format, args);
  va_end (args);
}

void
lanes_finding_add_evidence (LanesFinding *self,
                            const char   *name,
                            LanesUnit     unit,
                            double        value)
{
  LanesEvidence evidence = { name, unit, value };

  g_array_append_val (self->evidence, evidence);
}

void
lanes_finding_add_detail (LanesFinding *self,
                          const char   *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->details, g_strdup_vprintf (format, args));
  va_end (args);
}

void
lanes_finding_add_range (LanesFinding *self,
                         gint64        start,
                         gint64        end)
{
  g_array_append_val (self->ranges, start);
  g_array_append_val (self->ranges, end);
}

void
lanes_finding_add_goroutine (LanesFinding *self,
                             gint64        id)
{
  for (guint i = 0; i < self->goroutines->len; i++)
    if (g_array_index (self->goroutines, gint64, i) == id)
      return;
  g_array_append_val (self->goroutines, id);
}

const char *
lanes_finding_get_id (LanesFinding *self)
{
  return self->id;
}

LanesSeverity
lanes_finding_get_severity (LanesFinding *self)
{
  return self->severity;
}

const char *
lanes_finding_get_summary (LanesFinding *self)
{
  return self->summary != NULL ? self->summary : "";
}

const char *
lanes_finding_get_meaning (LanesFinding *self)
{
  return self->meaning;
}

const char *
lanes_finding_get_fix (LanesFinding *self)
{
  return self->fix;
}

const GArray *
lanes_finding_get_evidence (LanesFinding *self)
{
  return self->evidence;
}

gboolean
lanes_finding_lookup_evidence (LanesFinding *self,
                               const char   *name,
                               double       *value)
{
  for (guint i = 0; i < self->evidence->len; i++)
    {
      const LanesEvidence *e = &g_array_index (self->evidence, LanesEvidence, i);

      if (g_strcmp0 (e->name, name) == 0)
        {
          *value = e->value;
          return TRUE;
        }
    }
  return FALSE;
}

const GPtrArray *
lanes_finding_get_details (LanesFinding *self)
{
  return self->details;
}

const GArray *
lanes_finding_get_ranges (LanesFinding *self)
{
  return self->ranges;
}

const GArray *
lanes_finding_get_goroutines (LanesFinding *self)
{
  return self->goroutines;
}
