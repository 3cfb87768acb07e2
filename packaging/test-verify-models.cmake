# ctest package_models_checksums: verify-models.cmake passes on matching files and stops the package
# build on a changed byte or a missing file, naming the file. Self-contained (no real models needed).
#   cmake -DVERIFY=packaging/verify-models.cmake -DWORK=DIR -P test-verify-models.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/models")
file(WRITE "${WORK}/models/a.onnx" "model a")
file(WRITE "${WORK}/models/b.onnx" "model b")
file(SHA256 "${WORK}/models/a.onnx" sa)
file(SHA256 "${WORK}/models/b.onnx" sb)
file(WRITE "${WORK}/sums" "# comment\n${sa}  a.onnx\n${sb}  b.onnx\n")

function(verify expect_ok expect_text)
    execute_process(COMMAND ${CMAKE_COMMAND} -DMODELS_DIR=${WORK}/models -DSUMS=${WORK}/sums -P ${VERIFY}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    string(REGEX REPLACE "[ \n]+" " " out "${out}") # cmake wraps long messages
    if(expect_ok AND NOT rc EQUAL 0)
        message(FATAL_ERROR "matching models refused: ${out}")
    elseif(NOT expect_ok AND rc EQUAL 0)
        message(FATAL_ERROR "accepted models that should fail (${expect_text}): ${out}")
    endif()
    if(NOT out MATCHES "${expect_text}")
        message(FATAL_ERROR "expected '${expect_text}' in: ${out}")
    endif()
endfunction()

verify(TRUE "2 files in .* match")
file(WRITE "${WORK}/models/b.onnx" "model B")
verify(FALSE "checksum mismatch for .*/models/b.onnx")
file(REMOVE "${WORK}/models/a.onnx")
verify(FALSE ".*/models/a.onnx is missing")
file(REMOVE_RECURSE "${WORK}")
