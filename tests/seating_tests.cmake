# Seat allocation, seating on the store, printed outputs, the seat-map models and the `examsite seat`
# commands (label "seat"), plus the seating benchmark (label "bench").
examsite_add_test(tst_seatallocator SOURCES unit/tst_seatallocator.cpp LIBS examsite_seating)
set_tests_properties(tst_seatallocator PROPERTIES LABELS "unit;seat")
examsite_add_test(tst_seatingstore SOURCES unit/tst_seatingstore.cpp LIBS examsite_seating examsite_demo)
set_tests_properties(tst_seatingstore PROPERTIES LABELS "unit;seat")
examsite_add_test(tst_seatprint SOURCES unit/tst_seatprint.cpp LIBS examsite_seating examsite_demo)
set_tests_properties(tst_seatprint PROPERTIES LABELS "unit;seat")
