# Tests and benchmark of the tamper-evident ledger (src/ledger), included from tests/CMakeLists.txt.
function(examsite_ledger_test name)
    cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
    qt_add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test examsite_teststore ${T_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen" TIMEOUT 300 LABELS ledger)
endfunction()

examsite_ledger_test(tst_merkle SOURCES unit/tst_merkle.cpp LIBS examsite_ledgerformat)
examsite_ledger_test(tst_age SOURCES unit/tst_age.cpp LIBS examsite_ledger)
examsite_ledger_test(tst_minisign SOURCES unit/tst_minisign.cpp LIBS examsite_ledger PkgConfig::Sodium)
examsite_ledger_test(tst_ledger SOURCES unit/tst_ledger.cpp integration/tst_seal_fixture.cpp integration/tst_seal_fixture.h
                     LIBS examsite_ledger examsite_operations examsite_identity examsite_services)
examsite_ledger_test(tst_seal SOURCES integration/tst_seal.cpp integration/tst_seal_fixture.cpp integration/tst_seal_fixture.h
                     LIBS examsite_ledger examsite_services)
examsite_ledger_test(tst_cosign SOURCES integration/tst_cosign.cpp integration/tst_seal_fixture.cpp integration/tst_seal_fixture.h
                     LIBS examsite_ledger examsite_services)
target_compile_definitions(tst_cosign PRIVATE EXAMSITE_BIN="$<TARGET_FILE:examsite>")
add_dependencies(tst_cosign examsite)
set_tests_properties(tst_cosign PROPERTIES TIMEOUT 600)
qt_add_executable(tst_seal_crashhelper integration/tst_seal_crashhelper.cpp)
target_link_libraries(tst_seal_crashhelper PRIVATE examsite_ledger examsite_services)
examsite_ledger_test(tst_seal_crash SOURCES integration/tst_seal_crash.cpp integration/tst_seal_fixture.cpp integration/tst_seal_fixture.h
                     LIBS examsite_ledger examsite_services)
target_compile_definitions(tst_seal_crash PRIVATE CRASH_HELPER="$<TARGET_FILE:tst_seal_crashhelper>")
add_dependencies(tst_seal_crash tst_seal_crashhelper)

qt_add_executable(bench_ledger bench/bench_ledger.cpp integration/tst_seal_fixture.cpp integration/tst_seal_fixture.h)
target_link_libraries(bench_ledger PRIVATE examsite_ledger examsite_services)
add_test(NAME bench_ledger_quick COMMAND bench_ledger --quick)
set_tests_properties(bench_ledger_quick PROPERTIES LABELS "bench;ledger" TIMEOUT 300 WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

# Store-and-forward upload against the reference intake over HTTP on loopback.
examsite_ledger_test(tst_upload SOURCES integration/tst_upload.cpp integration/tst_seal_fixture.cpp integration/tst_seal_fixture.h
                     LIBS examsite_upload examsite_services)
