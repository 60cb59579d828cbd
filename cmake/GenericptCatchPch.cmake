# SPDX-License-Identifier: GPL-2.0-only OR MIT
# One precompiled catch2/catch.hpp for every Catch2 test program.
#
# catch.hpp is about a sixth of the compile time of each test source; there
# are some 150 of them per configuration. genericpt_catch_pch owns the one
# precompiled header and every target that links genericpt_catch_main reuses
# it (REUSE_FROM). The owner is an executable so it is compiled with the
# same -fPIE as the test programs (a PCH is only valid with the flags it was
# built with). Per-target -D and -I options do not matter: the header uses
# none of them. GENERICPT_CATCH_PCH=OFF turns it off (e.g. for a compiler
# that rejects the reuse).
option(GENERICPT_CATCH_PCH "Share one precompiled catch2/catch.hpp between the test programs" ON)

function(genericpt_catch_pch_setup)
  if(NOT GENERICPT_CATCH_PCH OR NOT TARGET genericpt_catch_main)
    return()
  endif()
  file(WRITE ${CMAKE_BINARY_DIR}/catch_pch_owner.cpp "int main(void) { return 0; }\n")
  add_executable(genericpt_catch_pch ${CMAKE_BINARY_DIR}/catch_pch_owner.cpp)
  target_link_libraries(genericpt_catch_pch PRIVATE Catch2::Catch2)
  genericpt_warnings(genericpt_catch_pch)
  target_precompile_headers(genericpt_catch_pch PRIVATE <catch2/catch.hpp>)
  _genericpt_catch_pch_walk(${CMAKE_SOURCE_DIR})
endfunction()

# Every target below DIR that links genericpt_catch_main and has C++ sources.
function(_genericpt_catch_pch_walk dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(libs ${t} LINK_LIBRARIES)
    if(NOT libs OR NOT "genericpt_catch_main" IN_LIST libs)
      continue()
    endif()
    get_target_property(srcs ${t} SOURCES)
    list(FILTER srcs INCLUDE REGEX "\\.cpp$")
    if(srcs)
      target_precompile_headers(${t} REUSE_FROM genericpt_catch_pch)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(d IN LISTS subdirs)
    _genericpt_catch_pch_walk(${d})
  endforeach()
endfunction()
