# SPDX-License-Identifier: GPL-2.0-only OR MIT
#
# Install rules: headers under include/genericpt/, every libgenericpt_FMT.a,
# a CMake package (find_package(genericpt COMPONENTS amdv1 ...) ->
# genericpt::amdv1) and one pkg-config file per format (genericpt-FMT.pc).
#
# genericpt_install_format(NAME) is called by genericpt_add_format();
# genericpt_install_package() once at the end of the top CMakeLists.txt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Consumers use -I<prefix>/include/genericpt: the shim headers are called
# <linux/...>, and must not land in (or shadow) <prefix>/include/linux.
set(GENERICPT_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/genericpt)
set(GENERICPT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/genericpt)
set(GENERICPT_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

function(genericpt_install_format name)
  if(NOT GENERICPT_INSTALL)
    return()
  endif()
  install(TARGETS genericpt_${name} EXPORT genericptTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})

  # The .pc file finds its prefix relative to itself, so an installed tree
  # can be moved (or staged with DESTDIR) and still work.
  file(RELATIVE_PATH GENERICPT_PC_TO_PREFIX
    /prefix/${GENERICPT_INSTALL_PKGCONFIGDIR} /prefix)
  string(REGEX REPLACE "/$" "" GENERICPT_PC_TO_PREFIX "${GENERICPT_PC_TO_PREFIX}")
  set(GENERICPT_PC_NAME ${name})
  configure_file(${PROJECT_SOURCE_DIR}/cmake/genericpt.pc.in
    ${PROJECT_BINARY_DIR}/pkgconfig/genericpt-${name}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/genericpt-${name}.pc
    DESTINATION ${GENERICPT_INSTALL_PKGCONFIGDIR})
endfunction()

function(genericpt_install_package)
  if(NOT GENERICPT_INSTALL)
    return()
  endif()
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/common/include/
                    ${PROJECT_SOURCE_DIR}/iommu/include/
    DESTINATION ${GENERICPT_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.h")

  install(EXPORT genericptTargets
    NAMESPACE genericpt::
    FILE genericptTargets.cmake
    DESTINATION ${GENERICPT_INSTALL_CMAKEDIR})

  set(GENERICPT_CONFIG_FORMATS ${GENERICPT_FORMATS})
  configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/genericptConfig.cmake.in
    ${PROJECT_BINARY_DIR}/genericptConfig.cmake
    INSTALL_DESTINATION ${GENERICPT_INSTALL_CMAKEDIR})
  # 0.x: a new minor version may change the API. The pointer size is
  # checked too: a 32-bit build is not offered to a 64-bit consumer.
  write_basic_package_version_file(
    ${PROJECT_BINARY_DIR}/genericptConfigVersion.cmake
    VERSION ${PROJECT_VERSION}
    COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/genericptConfig.cmake
                ${PROJECT_BINARY_DIR}/genericptConfigVersion.cmake
    DESTINATION ${GENERICPT_INSTALL_CMAKEDIR})
endfunction()
