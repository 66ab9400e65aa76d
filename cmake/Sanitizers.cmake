# SPDX-License-Identifier: GPL-3.0-or-later
# Sanitizer builds (issue 10): -DVIGIL_SANITIZE=address,undefined compiles and links every target
# of the tree (libraries, plugins, apps, tests) with those sanitizers. UB is fatal
# (-fno-sanitize-recover) so a test that triggers it fails. scripts/test-sanitizers.sh uses it.
set(VIGIL_SANITIZE "" CACHE STRING
    "Comma-separated sanitizers to build with, e.g. address,undefined (empty: none)")
# -O1: ASan's recommended level — about twice as fast to run as -O0 and quicker to compile than -O2.
# -g1: line tables only (file:line in every sanitizer stack trace) without the full debug info of
# RelWithDebInfo's -g, which would roughly double object size and link time for nothing here.
set(VIGIL_SANITIZE_OPT_FLAGS "-O1;-g1" CACHE STRING
    "Optimisation and debug flags of a sanitizer build (placed after the build type's)")

if(VIGIL_SANITIZE)
  add_compile_options(-fsanitize=${VIGIL_SANITIZE} -fno-omit-frame-pointer ${VIGIL_SANITIZE_OPT_FLAGS})
  if(VIGIL_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  add_link_options(-fsanitize=${VIGIL_SANITIZE})
  message(STATUS "Sanitizers: ${VIGIL_SANITIZE} (${VIGIL_SANITIZE_OPT_FLAGS})")
endif()
