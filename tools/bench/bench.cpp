// SPDX-License-Identifier: GPL-2.0-only OR MIT
int main() { return 0; }
