# Seat allocation, seating on the store, printed outputs, the seat-map models and the `examsite seat`
# commands (label "seat"), plus the seating benchmark (label "bench").
examsite_add_test(tst_seatallocator SOURCES unit/tst_seatallocator.cpp LIBS examsite_seating)
set_tests_properties(tst_seatallocator PROPERTIES LABELS "unit;seat")
examsite_add_test(tst_seatingstore SOURCES unit/tst_seatingstore.cpp LIBS examsite_seating examsite_demo)
set_tests_properties(tst_seatingstore PROPERTIES LABELS "unit;seat")
examsite_add_test(tst_seatprint SOURCES unit/tst_seatprint.cpp LIBS examsite_seating examsite_demo)
set_tests_properties(tst_seatprint PROPERTIES LABELS "unit;seat")
# Printing on a real CUPS server the test starts itself (cupsd, lpadmin; skipped naming why when cupsd
# cannot run): SystemPrinters and `examsite seat print --printer`, kept apart from the other tests.
examsite_add_test(tst_cupsprint SOURCES integration/tst_cupsprint.cpp
                  LIBS examsite_seating examsite_demo examsite_printer LABEL integration)
target_compile_definitions(tst_cupsprint PRIVATE EXAMSITE_BIN="$<TARGET_FILE:examsite>")
add_dependencies(tst_cupsprint examsite)
set_tests_properties(tst_cupsprint PROPERTIES LABELS "integration;seat" TIMEOUT 300)
