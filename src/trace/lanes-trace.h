/* lanes-trace.h: the Go execution trace reader, with no GTK dependency.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lanes-trace-event.h"
#include "lanes-trace-reader.h"
