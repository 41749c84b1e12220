/* lanes-summary-text.h: a summary's facts for a person to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-summary.h"

G_BEGIN_DECLS

char *lanes_summary_to_text (LanesSummary *summary);

G_END_DECLS
