// An addendum bundle's place in its session's chain (docs/bundle-format.md section 10): the original
// bundle it corrects and the bundle whose log it extends. The sealer writes it into the manifest; the
// verifier and the intake check it against those bundles.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace examsite::ledger {

struct AddendumLink
{
    qint64 number = 0;      ///< 1, 2, ... per original bundle
    QString originalSha256; ///< hex, the original bundle file's SHA-256
    QString previousSha256; ///< hex, the bundle it extends: the original (number 1) or addendum number - 1
    qint64 previousCounter = 0;
    quint64 previousEvents = 0; ///< that bundle's log size: this log's first previousEvents records are its
    QByteArray previousRoot;    ///< that bundle's Merkle root (32 bytes)

    /// The manifest's "addendum" object.
    QJsonObject toJson() const;
    /// Parses the manifest's "addendum" object; nullopt with `why` when a field is missing or malformed.
    static std::optional<AddendumLink> fromJson(const QJsonObject &o, QString *why = nullptr);
};

} // namespace examsite::ledger
