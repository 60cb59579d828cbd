# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# 32-bit x86 build on an x86-64 Debian host (needs g++-multilib): the
# library and its tests as an i386 program, where unsigned long, size_t and
# pointers are 32 bits while phys_addr_t and dma_addr_t stay 64 bits.
# Used by the "m32" preset: cmake --preset m32.
set(CMAKE_C_FLAGS_INIT "-m32")
set(CMAKE_CXX_FLAGS_INIT "-m32")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-m32")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-m32")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-m32")
# Look for 32-bit libraries in the i386 multiarch directories.
set(CMAKE_LIBRARY_ARCHITECTURE i386-linux-gnu)
set(FIND_LIBRARY_USE_LIB64_PATHS OFF)
