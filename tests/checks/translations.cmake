# The house rule that every user-visible string is translated: lupdate (the project's own examsite_qml
# lupdate project: the QML files, src/ui and the domain's error templates in src/) runs over a copy of
# qml/i18n/examsite_zh_CN.ts, so a string added to the sources without running lupdate shows up as new;
# then every message of the copy must have a finished, non-empty translation (numerus forms too).
# Run by ctest as `cmake -DTS=... -DLUPDATE=... -DPROJECT_IN=... -DGENERATOR=... -DWORK=... -P
# translations.cmake`; fails naming every source text left untranslated. The source .ts is not changed.
foreach(v TS LUPDATE PROJECT_IN GENERATOR WORK)
    if(NOT ${v})
        message(FATAL_ERROR "translations.cmake: pass -D${v}=...")
    endif()
endforeach()
file(MAKE_DIRECTORY "${WORK}")
get_filename_component(name "${TS}" NAME)
set(copy "${WORK}/${name}")
file(COPY_FILE "${TS}" "${copy}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${WORK}/project.json -P "${GENERATOR}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "translations.cmake: cannot write the lupdate project from ${PROJECT_IN}")
endif()
execute_process(COMMAND "${LUPDATE}" -project "${WORK}/project.json" -no-obsolete -locations none -ts "${copy}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "translations.cmake: lupdate failed:\n${out}${err}")
endif()

file(STRINGS "${copy}" lines ENCODING UTF-8)
set(source "")
set(context "")
set(found "")
foreach(line IN LISTS lines)
    if(line MATCHES "<name>(.*)</name>")
        set(context "${CMAKE_MATCH_1}")
    elseif(line MATCHES "<source>(.*)")
        set(source "${CMAKE_MATCH_1}")
        string(REGEX REPLACE "</source>.*" "" source "${source}")
    endif()
    if(line MATCHES "type=\"unfinished\"" OR line MATCHES "<translation></translation>" OR
       line MATCHES "<translation/>" OR line MATCHES "<numerusform></numerusform>" OR
       line MATCHES "<numerusform/>")
        string(APPEND found "  ${context}: ${source}\n")
    endif()
endforeach()
if(found)
    message(FATAL_ERROR "Untranslated strings in ${name} (run `cmake --build build --target examsite_qml_lupdate`, "
                        "then translate each and drop type=\"unfinished\"):\n${found}")
endif()
message(STATUS "${name}: every message translated")
