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

# Some x86-64 kernels cannot execute i386 programs (a VM kernel built
# without IA32 emulation: "Exec format error"). There the tests run under
# qemu-i386 (Debian's qemu-user, which scripts/deps.sh installs), as
# CMake's CMAKE_CROSSCOMPILING_EMULATOR: ctest and catch_discover_tests
# prefix every test program with it. Where the kernel runs i386 natively,
# nothing changes. The probe runs once per configure (toolchain files are
# read again by try_compile projects, which inherit the result).
if(NOT DEFINED CACHE{GENERICPT_M32_EMULATOR})
  set(_gpt_probe "/tmp/genericpt-m32-probe-${CMAKE_HOST_SYSTEM_NAME}")
  execute_process(
    COMMAND sh -c "printf 'int main(void){return 0;}\\n' | cc -m32 -x c - -o '${_gpt_probe}' && '${_gpt_probe}'"
    RESULT_VARIABLE _gpt_native OUTPUT_QUIET ERROR_QUIET)
  file(REMOVE "${_gpt_probe}")
  set(_gpt_emu "")
  if(NOT _gpt_native EQUAL 0)
    find_program(_gpt_qemu qemu-i386)
    if(_gpt_qemu)
      set(_gpt_emu "${_gpt_qemu}")
      message(STATUS "genericpt m32: this kernel cannot run i386 programs; tests run under ${_gpt_qemu}")
    else()
      message(WARNING "genericpt m32: this kernel cannot run i386 programs and qemu-i386 (package qemu-user) is missing: the tests cannot run")
    endif()
  endif()
  set(GENERICPT_M32_EMULATOR "${_gpt_emu}" CACHE STRING
    "Runs i386 test programs where the kernel cannot (empty: natively)")
endif()
if(GENERICPT_M32_EMULATOR)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${GENERICPT_M32_EMULATOR}")
endif()
