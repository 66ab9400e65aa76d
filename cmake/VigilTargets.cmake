# SPDX-License-Identifier: GPL-3.0-or-later
# vigil_library(NAME SOURCES... DEPS...) — a small static library with our warnings.
function(vigil_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE vigil_warnings ${ARG_PRIVATE_DEPS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  # core must never link Qt Widgets: fail the configure step if anyone tries.
  get_target_property(_libs ${name} LINK_LIBRARIES)
  if(_libs MATCHES "Widgets" AND name MATCHES "^vigil_core")
    message(FATAL_ERROR "${name}: core libraries must not link Qt Widgets")
  endif()
endfunction()

# vigil_test(NAME SOURCES... DEPS...) — a GoogleTest executable registered with CTest.
function(vigil_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS;FIXTURES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE vigil_warnings GTest::gtest_main ${ARG_DEPS})
  target_compile_definitions(${name} PRIVATE
    VIGIL_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    VIGIL_BINARY_DIR="${PROJECT_BINARY_DIR}"
    VIGIL_EXTERNAL_DATA="${VIGIL_EXTERNAL_DATA}")
  set(_props "")
  if(ARG_LABELS)
    list(APPEND _props LABELS "${ARG_LABELS}")
  endif()
  if(ARG_FIXTURES)
    list(APPEND _props FIXTURES_REQUIRED "${ARG_FIXTURES}")   # one fixture name
  endif()
  if(_props)
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${_props})
  else()
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
