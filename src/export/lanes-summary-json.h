/* lanes-summary-json.h: a summary as the JSON object of the corpus'
 * NAME.json files, so that Go's reference summaries compare with ours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lanes-summary.h"

G_BEGIN_DECLS

JsonNode *lanes_summary_to_json (LanesSummary *summary);

G_END_DECLS
