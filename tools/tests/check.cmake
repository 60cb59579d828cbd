# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Runs one command and checks its exit status and output:
#   cmake [-DEXPECT_FAIL=ON] [-DOUT_REGEX=...] [-DERR_REGEX=...]
#         [-DNOT_OUT_REGEX=...] -P check.cmake -- CMD ARGS...
# OUT_REGEX / ERR_REGEX: CMake regexes without ';', several separated by
# '@@', each must match stdout / stderr. NOT_OUT_REGEX must not match stdout.
set(cmd "")
set(seen_dashes OFF)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 1 ${last})
  if(seen_dashes)
    list(APPEND cmd "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(seen_dashes ON)
  endif()
endforeach()
if(NOT cmd)
  message(FATAL_ERROR "check.cmake: no command after --")
endif()

execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
message("${err}")

set(failed "")
if(EXPECT_FAIL)
  if(rc EQUAL 0)
    string(APPEND failed "expected a non-zero exit status, got 0\n")
  endif()
elseif(NOT rc EQUAL 0)
  string(APPEND failed "exit status ${rc}\n")
endif()

foreach(kind OUT ERR)
  if(kind STREQUAL "OUT")
    set(text "${out}")
    set(stream stdout)
  else()
    set(text "${err}")
    set(stream stderr)
  endif()
  if(DEFINED ${kind}_REGEX)
    string(REPLACE "@@" ";" res "${${kind}_REGEX}")
    foreach(re IN LISTS res)
      if(NOT text MATCHES "${re}")
        string(APPEND failed "${stream} does not match: ${re}\n")
      endif()
    endforeach()
  endif()
endforeach()
if(DEFINED NOT_OUT_REGEX AND out MATCHES "${NOT_OUT_REGEX}")
  string(APPEND failed "stdout matches: ${NOT_OUT_REGEX}\n")
endif()

if(failed)
  message(FATAL_ERROR "check failed for: ${cmd}\n${failed}")
endif()
