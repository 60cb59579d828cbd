# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# genericpt_add_format(NAME)
#
# Turns fmt/iommu_NAME.cpp into the static library target genericpt_NAME
# (alias genericpt::NAME, file libgenericpt_NAME.a) holding the format's
# pt_iommu_NAME_* functions plus the runtime, adds a GNU C11 compile of the
# same TU to the default build, and multi-compiles the per-format test
# suites for it (tests/CMakeLists.txt: genericpt_format_tests()).
set(GENERICPT_FORMATS "" CACHE INTERNAL "formats built")

# The C check runs the C compiler by hand: give it the flags that pick the
# target (-m32, --target=..., sysroot) that the real build uses.
set(_genericpt_cflags "${CMAKE_C_FLAGS}")
if(CMAKE_C_COMPILER_TARGET)
  string(APPEND _genericpt_cflags " --target=${CMAKE_C_COMPILER_TARGET}")
endif()
separate_arguments(GENERICPT_C_CHECK_FLAGS UNIX_COMMAND "${_genericpt_cflags}")

function(genericpt_add_format name)
  set(src ${PROJECT_SOURCE_DIR}/fmt/iommu_${name}.cpp)
  if(NOT EXISTS ${src})
    message(FATAL_ERROR "genericpt_add_format(${name}): ${src} does not exist")
  endif()
  add_library(genericpt_${name} STATIC ${src}
    $<TARGET_OBJECTS:genericpt_runtime_objs>)
  add_library(genericpt::${name} ALIAS genericpt_${name})
  genericpt_library_options(genericpt_${name})
  set_target_properties(genericpt_${name} PROPERTIES
    OUTPUT_NAME genericpt_${name}
    EXPORT_NAME ${name})
  target_link_libraries(genericpt_${name} PUBLIC Threads::Threads)

  if(GENERICPT_C_CHECK)
    # The same TU as C: headers must stay in the common subset of C and C++.
    set(cobj ${CMAKE_CURRENT_BINARY_DIR}/c_check/iommu_${name}.c.o)
    add_custom_command(OUTPUT ${cobj}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/c_check
      COMMAND ${CMAKE_C_COMPILER} ${GENERICPT_C_CHECK_FLAGS}
        -x c -std=gnu11 -Wall -Wextra -Werror -O2
        -DGENERICPT_PAGE_SIZE=${GENERICPT_PAGE_SIZE}
        -I${PROJECT_SOURCE_DIR}/common/include -I${PROJECT_SOURCE_DIR}/iommu/include
        -c ${src} -o ${cobj}
      DEPENDS ${src}
      IMPLICIT_DEPENDS C ${src}
      COMMENT "C11 build check of fmt/iommu_${name}.cpp"
      VERBATIM)
    add_custom_target(genericpt_c_check_${name} ALL DEPENDS ${cobj})
  endif()

  genericpt_install_format(${name})
  set(GENERICPT_FORMATS ${GENERICPT_FORMATS} ${name} CACHE INTERNAL "formats built")
endfunction()
