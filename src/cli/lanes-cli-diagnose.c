/* lanes-cli-diagnose.c: `lanes-cli diagnose [--json] TRACE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "lanes-cli.h"
#include "lanes-diagnosis.h"
#include "lanes-duration.h"

static JsonNode *
finding_to_json (LanesFinding *finding,
                 gint64        origin)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const GArray *evidence = lanes_finding_get_evidence (finding);
  const GArray *ranges = lanes_finding_get_ranges (finding);
  const GArray *goroutines = lanes_finding_get_goroutines (finding);
  const GPtrArray *details = lanes_finding_get_details (finding);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, lanes_finding_get_id (finding));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, lanes_severity_to_string (lanes_finding_get_severity (finding)));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, lanes_finding_get_summary (finding));
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_object (builder);
  for (guint i = 0; i < evidence->len; i++)
    {
      const LanesEvidence *e = &g_array_index (evidence, LanesEvidence, i);

      json_builder_set_member_name (builder, e->name);
      if (e->unit == LANES_UNIT_NS || e->unit == LANES_UNIT_COUNT)
        json_builder_add_int_value (builder, (gint64) e->value);
      else
        json_builder_add_double_value (builder, e->value);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ranges");
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_array_index (ranges, gint64, i) - origin);
      json_builder_add_int_value (builder, g_array_index (ranges, gint64, i + 1) - origin);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "goroutines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < goroutines->len; i++)
    json_builder_add_int_value (builder, g_array_index (goroutines, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < details->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (details, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "meaning");
  json_builder_add_string_value (builder, lanes_finding_get_meaning (finding));
  json_builder_set_member_name (builder, "fix");
  json_builder_add_string_value (builder, lanes_finding_get_fix (finding));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_json (GListModel *findings,
            gint64      origin)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(LanesFinding) finding = g_list_model_get_item (findings, i);

      json_array_add_element (array, finding_to_json (finding, origin));
    }
  json_object_set_array_member (object, "findings", array);
  json_node_set_object (root, object);
  text = json_to_string (root, TRUE);
  printf ("%s\n", text);
}

static void
print_evidence (const LanesEvidence *e)
{
  if (e->unit == LANES_UNIT_NS)
    {
      g_autofree char *text = lanes_duration_format ((gint64) e->value);
      printf ("    %-28s %s\n", e->name, text);
    }
  else if (e->unit == LANES_UNIT_SHARE)
    printf ("    %-28s %.1f%%\n", e->name, 100 * e->value);
  else if (e->unit == LANES_UNIT_COUNT)
    printf ("    %-28s %.0f\n", e->name, e->value);
  else
    printf ("    %-28s %.2f\n", e->name, e->value);
}

static void
print_text (GListModel *findings,
            gint64      origin)
{
  guint n = g_list_model_get_n_items (findings);

  if (n == 0)
    printf ("No findings: none of the shapes Lanes knows shows in this trace.\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LanesFinding) finding = g_list_model_get_item (findings, i);
      const GArray *evidence = lanes_finding_get_evidence (finding);
      const GArray *ranges = lanes_finding_get_ranges (finding);
      const GArray *goroutines = lanes_finding_get_goroutines (finding);
      const GPtrArray *details = lanes_finding_get_details (finding);

      printf ("%s%s [%s]: %s\n", i > 0 ? "\n" : "", lanes_finding_get_id (finding),
              lanes_severity_to_string (lanes_finding_get_severity (finding)), lanes_finding_get_summary (finding));
      printf ("  Evidence:\n");
      for (guint e = 0; e < evidence->len; e++)
        print_evidence (&g_array_index (evidence, LanesEvidence, e));
      for (guint d = 0; d < details->len; d++)
        printf ("    %s\n", (const char *) g_ptr_array_index (details, d));
      printf ("  Usually means: %s\n", lanes_finding_get_meaning (finding));
      printf ("  Usual fix: %s\n", lanes_finding_get_fix (finding));
      if (ranges->len > 0)
        {
          printf ("  Look at:");
          for (guint r = 0; r + 1 < ranges->len; r += 2)
            {
              g_autofree char *start = lanes_duration_format (g_array_index (ranges, gint64, r) - origin);
              g_autofree char *end = lanes_duration_format (g_array_index (ranges, gint64, r + 1) - origin);

              printf ("%s %s – %s", r > 0 ? "," : "", start, end);
            }
          printf ("\n");
        }
      if (goroutines->len > 0)
        {
          printf ("  Goroutines:");
          for (guint g = 0; g < goroutines->len; g++)
            printf (" %" G_GINT64_FORMAT, g_array_index (goroutines, gint64, g));
          printf ("\n");
        }
    }
}

int
lanes_cli_diagnose (int    argc,
                    char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the findings as JSON", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LanesTraceReader) reader = NULL;
  g_autoptr(LanesDiagnosis) diagnosis = NULL;
  int status = 0;
  const char *path = lanes_cli_parse (argc, argv, "TRACE — name the shapes a Go execution trace shows", entries, &status);

  if (path == NULL)
    return status;
  reader = lanes_trace_reader_new_for_path (path, &error);
  if (reader == NULL)
    return lanes_cli_fail (error);
  diagnosis = lanes_diagnosis_compute (reader, &error);
  if (diagnosis == NULL)
    return lanes_cli_fail (error);
  /* A cut-off trace is diagnosed from its complete generations. */
  if (error != NULL)
    fprintf (stderr, "lanes-cli: warning: %s\n", error->message);

  if (json)
    print_json (lanes_diagnosis_get_findings (diagnosis), lanes_diagnosis_get_start_time (diagnosis));
  else
    print_text (lanes_diagnosis_get_findings (diagnosis), lanes_diagnosis_get_start_time (diagnosis));
  return 0;
}
