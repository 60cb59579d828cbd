// SPDX-License-Identifier: GPL-2.0-only OR MIT
#include "hw_walker.h"

const char *hw::fault_name(Fault f)
{
	switch (f) {
	case Fault::None:
		return "none";
	case Fault::NotPresent:
		return "not-present";
	case Fault::Reserved:
		return "reserved";
	case Fault::Encoding:
		return "encoding";
	case Fault::AddressSize:
		return "address-size";
	case Fault::Permission:
		return "permission";
	default:
		return "unknown";
	}
}
