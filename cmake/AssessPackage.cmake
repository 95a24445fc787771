# Packaging of the assess library (included at the end of the root CMakeLists.txt): the
# shared library's version and exported symbols, and `cmake --install`: headers, library,
# the `assess` command, the CMake package (assessConfig.cmake exporting assess::assess) and
# pkg-config's assess.pc. docs/embedding.md tells integrators how to use them.

option(ASSESS_INSTALL "Generate the install rules" ${ASSESS_TOP_LEVEL})

get_target_property(ASSESS_LIBRARY_TYPE assess TYPE)

# libassess.so.MAJOR.MINOR.PATCH with the SONAME libassess.so.<ABI version>.
set_target_properties(assess PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${ASSESS_SOVERSION})

if(ASSESS_LIBRARY_TYPE STREQUAL "SHARED_LIBRARY" AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  # Hidden visibility keeps the internals out of the dynamic symbol table, but the standard
  # library's template instantiations (std::vector<std::string> and the like) would still
  # be exported as weak symbols. The version script exports assess_* and assess:: only;
  # --exclude-libs keeps any static dependency (a static yaml-cpp) inside.
  set(assess_map ${CMAKE_CURRENT_LIST_DIR}/assess.map)
  target_link_options(assess PRIVATE "LINKER:--version-script=${assess_map}"
                      "LINKER:--exclude-libs,ALL" "LINKER:--no-undefined")
  set_property(TARGET assess APPEND PROPERTY LINK_DEPENDS ${assess_map})
endif()

if(NOT ASSESS_INSTALL)
  return()
endif()

include(CMakePackageConfigHelpers)
set(ASSESS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/assess)

install(TARGETS assess EXPORT assessTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/assess DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(EXPORT assessTargets NAMESPACE assess:: DESTINATION ${ASSESS_CMAKE_DIR}
        FILE assessTargets.cmake)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/assessConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/assessConfig.cmake
                              INSTALL_DESTINATION ${ASSESS_CMAKE_DIR})
# Before 1.0 a minor release may break the API; from 1.0 on, only a major one.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(assess_compatibility SameMinorVersion)
else()
  set(assess_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/assessConfigVersion.cmake
                                 COMPATIBILITY ${assess_compatibility})
install(FILES ${PROJECT_BINARY_DIR}/assessConfig.cmake
              ${PROJECT_BINARY_DIR}/assessConfigVersion.cmake
        DESTINATION ${ASSESS_CMAKE_DIR})

# assess.pc finds its prefix from its own place (${pcfiledir}), so that an install tree
# moved elsewhere or installed with `cmake --install --prefix` still works. A static
# library names what its objects need; a shared one carries that itself.
file(RELATIVE_PATH ASSESS_PC_TO_PREFIX
     ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" ASSESS_PC_TO_PREFIX "${ASSESS_PC_TO_PREFIX}")
if(ASSESS_LIBRARY_TYPE STREQUAL "STATIC_LIBRARY")
  set(ASSESS_PC_REQUIRES_PRIVATE "yaml-cpp fmt simdjson libzip expat")
  set(ASSESS_PC_LIBS_PRIVATE "-lstdc++ -lm -pthread")
else()
  set(ASSESS_PC_REQUIRES_PRIVATE "")
  set(ASSESS_PC_LIBS_PRIVATE "")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/assess.pc.in ${PROJECT_BINARY_DIR}/assess.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/assess.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

if(TARGET assess_cli)
  # The command finds a shared libassess next to it, in ../lib, wherever the tree is.
  file(RELATIVE_PATH assess_bin_to_lib ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}
       ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR})
  set_target_properties(assess_cli PROPERTIES INSTALL_RPATH "$ORIGIN/${assess_bin_to_lib}")
  install(TARGETS assess_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # The rule-file schema, for editors (`assess schema` prints the same text).
  install(FILES ${PROJECT_SOURCE_DIR}/authoring/rules.schema.json
          DESTINATION ${CMAKE_INSTALL_DATADIR}/assess)
endif()
