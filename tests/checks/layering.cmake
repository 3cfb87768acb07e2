# The house rule that SQL lives only in the domains' store classes (files *store.cpp/*store.h, plus the
# store's base: database.*, migrations.cpp): nowhere else in src/ or hardware/ is there SQL text or a
# Statement; the adapters (src/ui, src/cli, app, qml) hold none either, and not even the Database: they
# receive their services (src/services), which open it (SiteServices::open); "Database " at the start of
# a string is output text.
# Candidates are listed for display only through CandidateStore::registrationsForDisplay (ID numbers
# masked unless the policy allows them), never the raw registrations(). Run by ctest as
# `cmake -DROOT=... -P layering.cmake`; fails naming every file and line that breaks the rule.
if(NOT ROOT)
    message(FATAL_ERROR "layering.cmake: pass -DROOT=<source dir>")
endif()
set(adapters src/ui src/cli app qml)
set(found "")
foreach(dir IN LISTS adapters)
    file(GLOB_RECURSE files "${ROOT}/${dir}/*.cpp" "${ROOT}/${dir}/*.h" "${ROOT}/${dir}/*.qml")
    foreach(f IN LISTS files)
        file(STRINGS "${f}" lines)
        set(n 0)
        foreach(line IN LISTS lines)
            math(EXPR n "${n} + 1")
            if(line MATCHES "\"[^\"]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE)[ \n]"
               OR line MATCHES "(^|[^A-Za-z_])Statement[ &(]"
               OR line MATCHES "\\.registrations\\("
               OR line MATCHES "((^|[^A-Za-z_\"])Database[ &;(]|(^|[^A-Za-z_])store/database\\.h)")
                file(RELATIVE_PATH rel "${ROOT}" "${f}")
                string(APPEND found "  ${rel}:${n}: ${line}\n")
            endif()
        endforeach()
    endforeach()
endforeach()
# Everywhere else in src/ and hardware/, SQL text and Statement live only in the domains' store classes
# (files named *store.cpp / *store.h) and the store's own base (database*.{h,cpp}: the engines and
# the dialect; migrations.cpp).
file(GLOB_RECURSE domain_files "${ROOT}/src/*.cpp" "${ROOT}/src/*.h" "${ROOT}/hardware/*.cpp" "${ROOT}/hardware/*.h")
foreach(f IN LISTS domain_files)
    get_filename_component(name "${f}" NAME)
    if(name MATCHES "store\\.(cpp|h)$" OR name MATCHES "^(database(_[a-z]+)?\\.(cpp|h)|migrations\\.cpp)$")
        continue()
    endif()
    file(STRINGS "${f}" lines)
    set(n 0)
    foreach(line IN LISTS lines)
        math(EXPR n "${n} + 1")
        if(line MATCHES "\"[^\"]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE)[ \n]"
           OR line MATCHES "(^|[^A-Za-z_])Statement[ &(]")
            file(RELATIVE_PATH rel "${ROOT}" "${f}")
            string(APPEND found "  ${rel}:${n}: ${line}\n")
        endif()
    endforeach()
endforeach()
if(found)
    message(FATAL_ERROR "SQL, a database handle or unmasked candidate listings outside the store classes (SQL goes into the domain's store; view models receive SiteServices; adapters list candidates with registrationsForDisplay):\n${found}")
endif()
message(STATUS "layering: SQL only in the store classes; no SQL in src/ui, src/cli, app or qml; no Database in src/ui, src/cli, app or qml")
