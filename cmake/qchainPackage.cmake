# The installable package: qchain::core, qchain::graphs, qchain::engine_<model> and qchain::engine
# (all models), qchain::workspace, qchain::report, qchain::visualization, found with find_package(qchain).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(QCHAIN_PACKAGE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(QCHAIN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/qchain)

# Makes `target` (qchain_<name>) a library of the package: the alias qchain::<name> that the tree
# links by, exported under that name, with its include/ folder (if any) as public headers.
function(qchain_library target name)
  add_library(qchain::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
                                                $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
  install(TARGETS ${target} EXPORT qchainTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()

# Once every library is declared: the export set, qchainConfig.cmake and its version file.
function(qchain_install_package)
  install(EXPORT qchainTargets NAMESPACE qchain:: DESTINATION ${QCHAIN_INSTALL_CMAKEDIR})
  configure_package_config_file(${QCHAIN_PACKAGE_DIR}/qchainConfig.cmake.in ${PROJECT_BINARY_DIR}/qchainConfig.cmake
                                INSTALL_DESTINATION ${QCHAIN_INSTALL_CMAKEDIR})
  # 0.x: a new minor version may change the interfaces.
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/qchainConfigVersion.cmake COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/qchainConfig.cmake ${PROJECT_BINARY_DIR}/qchainConfigVersion.cmake
                ${QCHAIN_PACKAGE_DIR}/FindLibCSV.cmake DESTINATION ${QCHAIN_INSTALL_CMAKEDIR})
endfunction()
