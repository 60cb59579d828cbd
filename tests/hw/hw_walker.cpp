// SPDX-License-Identifier: GPL-2.0-only OR MIT
#include "hw_walker.h"

const char *hw::fault_name(Fault f)
{
	switch (f) {
	case Fault::None:
		return "None";
	case Fault::NotPresent:
		return "NotPresent";
	case Fault::Reserved:
		return "Reserved";
	case Fault::Encoding:
		return "Encoding";
	case Fault::AddressSize:
		return "AddressSize";
	case Fault::Permission:
		return "Permission";
	}
	return "Unknown";
}
