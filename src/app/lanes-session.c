/* lanes-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lanes-session.h"

struct _LanesSession
{
  GObject parent_instance;

  LanesDocument *document;
  LanesTimeline *timeline;
  LanesViewport *viewport;     /* NULL without a timeline */
  gboolean has_selection;
  LanesSelection selection;
  gboolean has_measure;
  double measure_start;        /* as dragged: either way round */
  double measure_end;
  GArray *highlighted;         /* gint64 goroutine ids */
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_TIMELINE,
  PROP_RANGE_START,
  PROP_RANGE_END,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  PROP_SELECTION,
  PROP_HAS_MEASURE,
  PROP_MEASURE_START,
  PROP_MEASURE_END,
  PROP_HIGHLIGHTED_GOROUTINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LanesSelection *
selection_copy (const LanesSelection *selection)
{
  return g_memdup2 (selection, sizeof *selection);
}

G_DEFINE_BOXED_TYPE (LanesSelection, lanes_selection, selection_copy, g_free)

G_DEFINE_FINAL_TYPE (LanesSession, lanes_session, G_TYPE_OBJECT)

static void
notify (LanesSession *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
notify_range (LanesSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_RANGE_START);
  notify (self, PROP_RANGE_END);
  notify (self, PROP_CAN_GO_BACK);
  notify (self, PROP_CAN_GO_FORWARD);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
notify_measure (LanesSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_HAS_MEASURE);
  notify (self, PROP_MEASURE_START);
  notify (self, PROP_MEASURE_END);
  g_object_thaw_notify (G_OBJECT (self));
}

LanesSession *
lanes_session_new (void)
{
  return g_object_new (LANES_TYPE_SESSION, NULL);
}

LanesDocument *
lanes_session_get_document (LanesSession *self)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), NULL);
  return self->document;
}

void
lanes_session_set_document (LanesSession  *self,
                            LanesDocument *document)
{
  g_return_if_fail (LANES_IS_SESSION (self));
  if (g_set_object (&self->document, document))
    notify (self, PROP_DOCUMENT);
}

LanesTimeline *
lanes_session_get_timeline (LanesSession *self)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), NULL);
  return self->timeline;
}

/* The lane of @timeline showing what @lane of @before showed. */
static guint
same_lane (LanesTimeline *before,
           guint          lane,
           LanesTimeline *timeline)
{
  LanesLaneKind kind = lanes_timeline_lane_get_kind (before, lane);
  guint first_before, first;

  if (kind == LANES_LANE_PROC || kind == LANES_LANE_THREAD || kind == LANES_LANE_GOROUTINE)
    return lanes_timeline_find_lane (timeline, kind, lanes_timeline_lane_get_id (before, lane));
  if (kind == LANES_LANE_TASK)
    {
      /* Tasks keep their place in their group: new ones come last. */
      lanes_timeline_get_group (before, LANES_GROUP_TASKS, &first_before);
      lanes_timeline_get_group (timeline, LANES_GROUP_TASKS, &first);
      return first + (lane - first_before);
    }
  /* Runtime lanes come first and stay. */
  return lane;
}

/* The selection follows its lane into @self->timeline, which carries on
 * @before; a task's regions and logs keep their order as more are read. */
static void
carry_selection (LanesSession  *self,
                 LanesTimeline *before)
{
  LanesSelection *selection = &self->selection;
  guint lane;

  if (!self->has_selection)
    return;
  lane = same_lane (before, selection->lane, self->timeline);
  self->has_selection = lane != G_MAXUINT
                        && (selection->on_task
                            || lanes_timeline_hit_test (self->timeline, lane, selection->details.start,
                                                        &selection->details));
  selection->lane = lane;
  notify (self, PROP_SELECTION);
}

void
lanes_session_set_timeline (LanesSession  *self,
                            LanesTimeline *timeline)
{
  g_autoptr(LanesTimeline) before = NULL;

  g_return_if_fail (LANES_IS_SESSION (self));
  if (timeline == self->timeline)
    return;
  before = g_steal_pointer (&self->timeline);
  self->timeline = timeline ? g_object_ref (timeline) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (before != NULL && timeline != NULL && lanes_timeline_is_partial (before)
      && lanes_timeline_get_start (before) == lanes_timeline_get_start (timeline))
    {
      lanes_viewport_extend (self->viewport, lanes_timeline_get_end (timeline));
      carry_selection (self, before);
    }
  else
    {
      g_clear_pointer (&self->viewport, lanes_viewport_free);
      if (timeline != NULL)
        self->viewport = lanes_viewport_new (lanes_timeline_get_start (timeline), lanes_timeline_get_end (timeline));
      lanes_session_set_selection (self, NULL);
      lanes_session_clear_measure (self);
    }
  notify (self, PROP_TIMELINE);
  notify_range (self);
  g_object_thaw_notify (G_OBJECT (self));
}

LanesViewport *
lanes_session_get_viewport (LanesSession *self)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), NULL);
  return self->viewport;
}

void
lanes_session_range_changed (LanesSession *self)
{
  g_return_if_fail (LANES_IS_SESSION (self));
  notify_range (self);
}

LanesViewRange
lanes_session_get_range (LanesSession *self)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), (LanesViewRange) { 0 });
  return self->viewport ? lanes_viewport_get_range (self->viewport) : (LanesViewRange) { 0 };
}

const LanesSelection *
lanes_session_get_selection (LanesSession *self)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), NULL);
  return self->has_selection ? &self->selection : NULL;
}

void
lanes_session_set_selection (LanesSession         *self,
                             const LanesSelection *selection)
{
  g_return_if_fail (LANES_IS_SESSION (self));
  if (selection == NULL && !self->has_selection)
    return;
  self->has_selection = selection != NULL;
  if (selection != NULL)
    self->selection = *selection;
  notify (self, PROP_SELECTION);
}

gboolean
lanes_session_get_measure (LanesSession *self,
                           double       *start,
                           double       *end)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), FALSE);
  if (self->has_measure)
    {
      if (start != NULL)
        *start = MIN (self->measure_start, self->measure_end);
      if (end != NULL)
        *end = MAX (self->measure_start, self->measure_end);
    }
  return self->has_measure;
}

void
lanes_session_set_measure (LanesSession *self,
                           double        start,
                           double        end)
{
  g_return_if_fail (LANES_IS_SESSION (self));
  self->has_measure = TRUE;
  self->measure_start = start;
  self->measure_end = end;
  notify_measure (self);
}

void
lanes_session_clear_measure (LanesSession *self)
{
  g_return_if_fail (LANES_IS_SESSION (self));
  if (!self->has_measure)
    return;
  self->has_measure = FALSE;
  notify_measure (self);
}

GArray *
lanes_session_get_highlighted_goroutines (LanesSession *self)
{
  g_return_val_if_fail (LANES_IS_SESSION (self), NULL);
  return self->highlighted;
}

void
lanes_session_set_highlighted_goroutines (LanesSession *self,
                                          const gint64 *goroutines,
                                          guint         n_goroutines)
{
  g_return_if_fail (LANES_IS_SESSION (self));
  g_return_if_fail (goroutines != NULL || n_goroutines == 0);
  g_array_set_size (self->highlighted, 0);
  g_array_append_vals (self->highlighted, goroutines, n_goroutines);
  notify (self, PROP_HIGHLIGHTED_GOROUTINES);
}

static void
lanes_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LanesSession *self = LANES_SESSION (object);
  LanesViewRange range = lanes_session_get_range (self);
  double start = 0, end = 0;

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_RANGE_START:
      g_value_set_double (value, range.start);
      break;
    case PROP_RANGE_END:
      g_value_set_double (value, range.start + range.span);
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->viewport && lanes_viewport_can_go_back (self->viewport));
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, self->viewport && lanes_viewport_can_go_forward (self->viewport));
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, lanes_session_get_selection (self));
      break;
    case PROP_HAS_MEASURE:
      g_value_set_boolean (value, self->has_measure);
      break;
    case PROP_MEASURE_START:
      lanes_session_get_measure (self, &start, &end);
      g_value_set_double (value, start);
      break;
    case PROP_MEASURE_END:
      lanes_session_get_measure (self, &start, &end);
      g_value_set_double (value, end);
      break;
    case PROP_HIGHLIGHTED_GOROUTINES:
      g_value_set_boxed (value, self->highlighted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LanesSession *self = LANES_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      lanes_session_set_document (self, g_value_get_object (value));
      break;
    case PROP_TIMELINE:
      lanes_session_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      lanes_session_set_selection (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanes_session_finalize (GObject *object)
{
  LanesSession *self = LANES_SESSION (object);

  g_clear_object (&self->document);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->viewport, lanes_viewport_free);
  g_array_unref (self->highlighted);
  G_OBJECT_CLASS (lanes_session_parent_class)->finalize (object);
}

static void
lanes_session_class_init (LanesSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = lanes_session_get_property;
  object_class->set_property = lanes_session_set_property;
  object_class->finalize = lanes_session_finalize;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, LANES_TYPE_DOCUMENT, rw);
  properties[PROP_TIMELINE] = g_param_spec_object ("timeline", NULL, NULL, LANES_TYPE_TIMELINE, rw);
  properties[PROP_RANGE_START] = g_param_spec_double ("range-start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_RANGE_END] = g_param_spec_double ("range-end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_CAN_GO_BACK] = g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_GO_FORWARD] = g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE, ro);
  properties[PROP_SELECTION] = g_param_spec_boxed ("selection", NULL, NULL, LANES_TYPE_SELECTION, rw);
  properties[PROP_HAS_MEASURE] = g_param_spec_boolean ("has-measure", NULL, NULL, FALSE, ro);
  properties[PROP_MEASURE_START] = g_param_spec_double ("measure-start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_MEASURE_END] = g_param_spec_double ("measure-end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_HIGHLIGHTED_GOROUTINES] = g_param_spec_boxed ("highlighted-goroutines", NULL, NULL,
                                                                G_TYPE_ARRAY, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanes_session_init (LanesSession *self)
{
  self->highlighted = g_array_new (FALSE, FALSE, sizeof (gint64));
}
