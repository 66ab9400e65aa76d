# SPDX-License-Identifier: GPL-3.0-or-later
# VIGIL_FUZZ: builds the libFuzzer targets of tests/fuzz (fuzz_<target>, all of them through
# `--target fuzz_all`) with clang. Every Vigil library they reach is compiled with
# -fsanitize=fuzzer-no-link,address,undefined (coverage feedback plus ASan and UBSan); the
# harnesses link -fsanitize=fuzzer. scripts/fuzz.sh configures and runs this in build-fuzz/.
option(VIGIL_FUZZ "Build the libFuzzer targets (clang only) with ASan and UBSan" OFF)

if(VIGIL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "VIGIL_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-16 "
                        "-DCMAKE_C_COMPILER=clang-16); found ${CMAKE_CXX_COMPILER_ID}")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12's libstdc++ offers <expected> only for __cpp_concepts >= 202002L; clang 16 has what
  # it needs but still reports 201907L.
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-D__cpp_concepts=202002L>
                      $<$<COMPILE_LANGUAGE:CXX>:-Wno-macro-redefined>)
endif()
