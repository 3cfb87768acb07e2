// A role's signing key from the file a staff member named in the console (a path or a file:// URL).
#pragma once

#include "ledger/keyfile.h"

namespace examsite {

/// Loads the key, refusing a missing file with its path and a key of another role.
ledger::SigningKey roleKeyFrom(const QString &keyFile, const QString &passphrase, const QString &role);

} // namespace examsite
