// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The maple tree stand-in's test (maple_tree_test.c) built as C++20, so the
 * header is checked in both languages.
 */
#include "maple_tree_test.c"
