// Entry point of the `examsite` command-line tool. Exit codes (docs/cli.md):
//   0 success, 1 a negative answer (e.g. verification failed), 2 bad input or usage,
//   3 storage failure (database unreadable, locked or disk full), 4 denied.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace examsite::cli {

enum ExitCode { Ok = 0, Negative = 1, BadInput = 2, StorageFailure = 3, Denied = 4 };

/// Runs the command in `args` (args[0] is the program name).
int run(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace examsite::cli
