# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Sanitizer builds, chosen with GENERICPT_SANITIZE (the asan/tsan presets in
# CMakePresets.json set it):
#   address  ASan + UBSan (+ LSan, part of ASan on Linux); every report is
#            fatal (-fno-sanitize-recover=all), so any report fails a test
#   thread   TSan; a report makes the process exit non-zero (TSAN_OPTIONS
#            halt_on_error=1 in the presets stops at the first)
# and GENERICPT_FUZZ=ON (clang only): everything is built with coverage for
# libFuzzer plus ASan + UBSan, and the genericpt-fuzz target is added.
# The flags go on every target, the format libraries included: a sanitizer
# only sees what it instrumented.
set(GENERICPT_SANITIZE "" CACHE STRING "Sanitizer build: address, thread or empty")
set_property(CACHE GENERICPT_SANITIZE PROPERTY STRINGS "" address thread)
option(GENERICPT_FUZZ "Build the libFuzzer target genericpt-fuzz (clang)" OFF)

# GCC's -Wmaybe-uninitialized reports false positives in instrumented code
# (libstdc++'s <regex> inside Catch2), so a GCC sanitizer build turns it
# off; the asan preset builds with clang and keeps warnings as errors, the
# tsan preset (GCC) leaves GENERICPT_WERROR off.
if(NOT GENERICPT_SANITIZE STREQUAL "" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wno-maybe-uninitialized)
endif()

if(GENERICPT_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
elseif(GENERICPT_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT GENERICPT_SANITIZE STREQUAL "")
  message(FATAL_ERROR "GENERICPT_SANITIZE=${GENERICPT_SANITIZE}: use address, thread or nothing")
endif()

if(GENERICPT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "GENERICPT_FUZZ needs clang (cmake --preset fuzz, or CC=clang CXX=clang++)")
  endif()
  if(NOT GENERICPT_SANITIZE STREQUAL "")
    message(FATAL_ERROR "GENERICPT_FUZZ brings its own sanitizers; leave GENERICPT_SANITIZE empty")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
    -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
