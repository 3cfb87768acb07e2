// The PostgreSQL engine behind Database (internal to src/store), on libpq.
#pragma once

#include "store/database_engine.h"

namespace examsite::detail {

/// Connects to the server named by a postgresql:// URI or libpq keyword string. readOnly makes every
/// transaction read-only on the server's side.
std::unique_ptr<ConnectionEngine> openPostgres(const QString &location, bool readOnly);
/// Connects to `location`, then takes the site's write lock and lets it go (waiting up to lock_timeout
/// while another terminal holds it). Throws Error as openPostgres and statements do.
void probePostgres(const QString &location);
/// Starts connecting, without waiting, a connection that will LISTEN on `channel` (ListenEngine). Throws
/// Error(Storage) when the location is refused before any connection (unverified remote server, ...).
std::unique_ptr<ListenEngine> startListening(const QString &location, const QByteArray &channel);
/// The host a connection would reach off this machine without verifying the server's certificate
/// (sslmode other than verify-full), from libpq's resolved host, hostaddr and sslmode; empty when every
/// host is a Unix socket, localhost or a loopback address, or when sslmode is verify-full.
QString unverifiedRemoteHost(const QString &host, const QString &hostaddr, const QString &sslmode);
/// True when the location (URI or keywords) carries a password.
bool hasPassword(const QString &location);
/// A file-name-safe name for the server and database ("host_port_dbname"), for the site key's default path.
/// A location with service= is named after what its connection resolved (`resolved`: host, port and
/// database, Database::connection().serverAddress()) where the location itself does not say.
QString serverKeyName(const QString &location, const QStringList &resolved = {});

} // namespace examsite::detail
