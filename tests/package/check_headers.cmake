# cmake -DHEADER_DIR=include/assess -P check_headers.cmake: the public headers are at most
# 9 (one per concept, DESIGN.md; the ninth, partition.h, is a batch evaluated in parts), and
# include only the standard library and each other: no Boost, yaml-cpp, fmt, JSON
# library or internal header reaches an integrator's compiler.
file(GLOB headers ${HEADER_DIR}/*)
list(LENGTH headers count)
if(count GREATER 9)
  message(FATAL_ERROR "${count} public headers in ${HEADER_DIR}; at most 9")
endif()
set(failures "")
foreach(header ${headers})
  file(STRINGS ${header} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${includes})
    if(line MATCHES "#[ \t]*include[ \t]*\"assess/[a-z_]+\\.h\"")
      continue()
    elseif(line MATCHES "#[ \t]*include[ \t]*<([a-z_]+(\\.h)?)>")
      continue()  # <string>, <stddef.h>: the standard library
    endif()
    list(APPEND failures "${header}: ${line}")
  endforeach()
endforeach()
if(failures)
  string(REPLACE ";" "\n" failures "${failures}")
  message(FATAL_ERROR "public headers include more than the standard library:\n${failures}")
endif()
message(STATUS "${count} public headers, standard library includes only")
