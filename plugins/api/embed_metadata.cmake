# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DIN=metadata.json -DOUT=metadata.json.inc -P embed_metadata.cmake
# Wraps a plugin's metadata.json in a C++ raw string literal, so the JSON file stays the
# single source of truth and the plugin cannot ship metadata that differs from it.
file(READ "${IN}" json)
if(json MATCHES "\\)vigil_json\"")
  message(FATAL_ERROR "${IN}: must not contain the text )vigil_json\"")
endif()
set(content "R\"vigil_json(${json})vigil_json\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT content STREQUAL "${old}")
  file(WRITE "${OUT}" "${content}")
endif()
