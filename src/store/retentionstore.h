// The biometric data retention deletes, in the store: counts and deletes reference photos, face
// embeddings, unusable-photo marks and check-in and camera snapshots older than a date. The rule (who
// may purge, one transaction, the event) is purgeBiometrics' (retention.h).
#pragma once

#include <QDate>

namespace examsite {

class Database;

struct BiometricCounts
{
    int photos = 0;
    int embeddings = 0;
    int checkInSnapshots = 0; ///< of check-ins and of failed checks
    int feedSnapshots = 0;
};

class RetentionStore
{
public:
    explicit RetentionStore(Database &db) : m_db(db) {}

    /// What deleteBefore(`before`) would delete: photos and embeddings of candidates none of whose sessions
    /// is on or after the date, snapshots of check-ins in sessions before it and of camera events before it.
    BiometricCounts countBefore(QDate before);
    /// Deletes what countBefore() counts (check-in snapshots are cleared, the check-ins stay), and the
    /// same candidates' unusable-photo marks. Call in a transaction.
    void deleteBefore(QDate before);

private:
    Database &m_db;
};

} // namespace examsite
