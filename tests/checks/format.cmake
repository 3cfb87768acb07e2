# Every C++ file follows the project's .clang-format. Run by ctest as
# `cmake -DROOT=... -DCLANG_FORMAT=... -P format.cmake`; prints the files to reformat with
# `clang-format -i FILE`.
file(GLOB_RECURSE files "${ROOT}/src/*.cpp" "${ROOT}/src/*.h" "${ROOT}/app/*.cpp" "${ROOT}/app/*.h"
     "${ROOT}/hardware/*.cpp" "${ROOT}/hardware/*.h" "${ROOT}/tests/*.cpp" "${ROOT}/tests/*.h"
     "${ROOT}/qml/*.cpp" "${ROOT}/qml/*.h")
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run -Werror ${files}
                WORKING_DIRECTORY "${ROOT}" RESULT_VARIABLE rc ERROR_VARIABLE diagnostics)
if(NOT rc EQUAL 0)
    string(REGEX MATCHALL "[^\n]+:[0-9]+:[0-9]+: error: code should be clang-formatted" lines "${diagnostics}")
    set(bad "")
    foreach(l IN LISTS lines)
        string(REGEX REPLACE ":[0-9]+:[0-9]+: error:.*" "" f "${l}")
        list(APPEND bad "${f}")
    endforeach()
    list(REMOVE_DUPLICATES bad)
    string(REPLACE ";" "\n" bad "${bad}")
    message(FATAL_ERROR "not formatted with the project's .clang-format (run clang-format -i on them):\n${bad}")
endif()
list(LENGTH files count)
message(STATUS "format: ${count} files follow .clang-format")
