set -eu
# The test stage: the application's own test command, in its build context, as the tenant wrote it
# (spec.build.testCommand); a failing command fails the pipeline before anything is built.
cd "$SOURCE_DIR/$CONTEXT"
echo "testing with: $TEST_COMMAND"
sh -c "$TEST_COMMAND"
