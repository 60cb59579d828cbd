# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Warning flags shared by every target; -Werror when GENERICPT_WERROR is on.
function(genericpt_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra
    $<$<BOOL:${GENERICPT_WERROR}>:-Werror>)
endfunction()

# Options of code that goes into the libraries: kernel-style code with no
# C++ runtime needs, so C programs link the archives without libstdc++.
function(genericpt_library_options target)
  genericpt_warnings(${target})
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti>)
  # Public: code including the headers sees the PAGE_SIZE the library
  # was built for (also through the installed package and pkg-config).
  target_compile_definitions(${target} PUBLIC
    GENERICPT_PAGE_SIZE=${GENERICPT_PAGE_SIZE})
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/common/include>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/iommu/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/genericpt>)
endfunction()
